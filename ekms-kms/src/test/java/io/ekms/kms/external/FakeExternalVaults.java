package io.ekms.kms.external;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.core.crypto.Randoms;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An in-memory EKM behind the {@link ExternalVaults} port. Vaults are found by URL and bound to one
 * OAuth client; keys have a state, ops, a length and versions, each version a random AES key kept
 * here, so encrypt and decrypt really run AES-GCM. Like the ekms EKM, a BLOCKED vault refuses every
 * call, metadata included. Switches make the EKM unreachable; counters tell what the KMS asked.
 */
public final class FakeExternalVaults implements ExternalVaults {
  private final Map<String, FakeVault> vaults = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<String> requestIds = new CopyOnWriteArrayList<>();
  private volatile boolean unreachable;
  private volatile Consumer<String> onCall = op -> {};

  /** A new ACTIVE vault at {@code url}, bound to {@code clientId} and its secret. */
  public FakeVault addVault(String url, String clientId, String secret) {
    FakeVault v = new FakeVault(clientId, secret);
    vaults.put(url, v);
    return v;
  }

  /** The vault added at {@code url}, or null. */
  public FakeVault vaultAt(String url) {
    return vaults.get(url);
  }

  /** Every call then fails as a connection failure would. */
  public void unreachable(boolean value) {
    unreachable = value;
  }

  /** Runs {@code hook} with the operation's name at the start of every call. */
  public void onCall(Consumer<String> hook) {
    onCall = hook;
  }

  /** How many times {@code operation} was called ("connect", "vault", "encrypt", ...). */
  public int calls(String operation) {
    AtomicInteger n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  /** How many EKM operations were called in all (connections not counted). */
  public int totalCalls() {
    return calls.entrySet().stream()
        .filter(e -> !e.getKey().equals("connect"))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  /** The opc-request-ids the KMS forwarded, in call order. */
  public List<String> requestIds() {
    return List.copyOf(requestIds);
  }

  /** A new connection each time (keeping them is the real adapter's business). */
  @Override
  public ExternalVault forVault(
      Vault vault,
      String endpointIdentity,
      Supplier<PrivateEndpoint> endpoint,
      ClientSecrets secrets) {
    return open(vault, endpoint.get(), secrets);
  }

  @Override
  public ExternalVault open(Vault vault, PrivateEndpoint endpoint, ClientSecrets secrets) {
    count("connect");
    return new Connection(
        vault.externalVaultEndpointUrl(),
        vault.clientAppId(),
        () -> secrets.open(vault.id(), vault.sealedSecret()));
  }

  private void count(String operation) {
    calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
  }

  /** A refusal of the kind {@code make} builds, its message and public message alike. */
  static <E extends EkmException> E refused(Function<String, E> make, String message) {
    return make.apply(message + " (fake EKM)");
  }

  static EkmRefused.NotFound notFound(String message) {
    return refused(m -> new EkmRefused.NotFound(m, m, "NotFound"), message);
  }

  static EkmRefused.Unusable unusable(String message) {
    return refused(m -> new EkmRefused.Unusable(m, m, "KeyDisabled"), message);
  }

  /** One connection: every method checks reachability, the client binding and the vault state. */
  private final class Connection implements ExternalVault {
    private final String url;
    private final String clientId;
    private final Supplier<SecretBytes> clientSecret;

    Connection(String url, String clientId, Supplier<SecretBytes> clientSecret) {
      this.url = url;
      this.clientId = clientId;
      this.clientSecret = clientSecret;
    }

    private FakeVault begin(String operation, String requestId) {
      count(operation);
      requestIds.add(requestId);
      onCall.accept(operation);
      if (unreachable) {
        throw refused(
            m -> new EkmUnavailable.Unreachable(m, m, null),
            "the external key manager is unreachable");
      }
      FakeVault v = vaults.get(url);
      if (v == null) {
        throw notFound("the external key manager has no vault at " + url);
      }
      boolean sameClient;
      try (SecretBytes secret = clientSecret.get()) {
        sameClient = clientId.equals(v.clientId) && secret.contentEquals(v.secret);
      }
      if (!sameClient) {
        throw refused(
            m -> new IdentityFailure.Rejected(m, m, "invalid_client"),
            "the identity server refused the client credentials");
      }
      if (!"ACTIVE".equals(v.state)) {
        throw unusable("the vault is blocked by its owner");
      }
      return v;
    }

    @Override
    public VaultInfo vault(String requestId) {
      FakeVault v = begin("vault", requestId);
      return new VaultInfo(v.reportedState, v.vendor);
    }

    @Override
    public KeyInfo key(String requestId, String externalKeyId) {
      return begin("key", requestId).key(externalKeyId).info();
    }

    @Override
    public VersionInfo keyVersion(String requestId, String externalKeyId, String versionId) {
      FakeKey k = begin("keyVersion", requestId).key(externalKeyId);
      return new VersionInfo(k.id, versionId, k.version(versionId).state, k.ops);
    }

    @Override
    public Sealed encrypt(
        String requestId, String externalKeyId, String versionId, byte[] plaintext, byte[] aad) {
      FakeKey k = begin("encrypt", requestId).key(externalKeyId);
      FakeKey.Version v = k.usable("ENCRYPT", versionId == null ? k.current : versionId);
      byte[] iv = AesGcm.newIv();
      byte[] out = AesGcm.seal(v.material, iv, plaintext, aad);
      int split = out.length - AesGcm.TAG_BYTES;
      String answered = k.answerWithVersion == null ? v.id : k.answerWithVersion;
      return new Sealed(
          Arrays.copyOf(out, split), iv, Arrays.copyOfRange(out, split, out.length), answered);
    }

    @Override
    public SecretBytes decrypt(
        String requestId, String externalKeyId, String versionId, Sealed sealed, byte[] aad) {
      FakeKey k = begin("decrypt", requestId).key(externalKeyId);
      FakeKey.Version v = k.usable("DECRYPT", versionId);
      byte[] joined = Arrays.copyOf(sealed.ciphertext(), sealed.ciphertext().length + 16);
      System.arraycopy(sealed.tag(), 0, joined, sealed.ciphertext().length, sealed.tag().length);
      try {
        return SecretBytes.adopt(AesGcm.open(v.material, sealed.iv(), joined, aad));
      } catch (AuthenticationFailedException e) {
        throw refused(
            m -> new EkmRefused.DecryptionFailed(m, m, "DecryptionFailed"),
            "the ciphertext does not authenticate");
      }
    }
  }

  /** A vault: its state, the state its metadata reports, its client and keys. */
  public static final class FakeVault {
    final String clientId;
    final byte[] secret;
    final Map<String, FakeKey> keys = new ConcurrentHashMap<>();
    public volatile String state = "ACTIVE";
    public volatile String reportedState = "ACTIVE";
    public volatile String vendor = "fake-ekm";

    public String clientId() {
      return clientId;
    }

    FakeVault(String clientId, String secret) {
      this.clientId = clientId;
      this.secret = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A new ACTIVE AES key of {@code lengthBytes}, allowing ENCRYPT and DECRYPT, one version. */
    public FakeKey addKey(int lengthBytes) {
      FakeKey k = new FakeKey("ext-key-" + Randoms.hex(6), lengthBytes);
      keys.put(k.id, k);
      return k;
    }

    FakeKey key(String id) {
      FakeKey k = keys.get(id);
      if (k == null || "DELETED".equals(k.state)) {
        throw notFound("the key does not exist");
      }
      return k;
    }
  }
}
