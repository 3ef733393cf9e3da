package io.ekms.kms.ekmclient;

import io.ekms.common.secret.SecretBytes;
import io.ekms.kms.external.EkmException;
import io.ekms.kms.external.ExternalVault;
import java.net.URI;

/**
 * The KMS's connection to one external vault, the {@link ExternalVault} port over the six
 * operations of the EKM API (docs/protocols/ekm-api.md) under the vault's {@code
 * externalVaultEndpointUrl}. Obtain one from {@link EkmClients}; it is thread-safe and cheap, and
 * shares its connections and tokens with every client of the same endpoint and OAuth client.
 *
 * <p>Contract of every operation: it sends {@code requestId} as {@code opc-request-id} (so both
 * audit logs show the same id), authenticates with a cached access token (fetching a new one and
 * retrying once if the EKM answers 401), and either returns a result checked against what was
 * asked, or throws an {@link EkmException} saying what is wrong. With one EKM node it never resends
 * a request that may have reached the EKM (except, inside the JDK, a GET whose pooled connection
 * was found closed), and ends within {@code connectTimeout + readTimeout} plus any token fetch.
 * When the private endpoint lists several nodes, a node that cannot be reached, does not answer in
 * time, loses the connection or answers 5xx is kept out for a while and the call is sent once more
 * to another node (every EKM API operation may safely be repeated; both nodes' audit logs then show
 * the request id); the call then ends within {@code 2 * readTimeout} plus any token fetch. A 4xx is
 * never asked of another node. Invalid arguments (ids that are not URL-safe, sizes outside the EKM
 * API's bounds, a malformed request id) throw {@link IllegalArgumentException} before anything is
 * sent.
 *
 * <p>Plaintext travels in arrays the client wipes after use; results that hold plaintext are {@link
 * SecretBytes} that the caller owns and closes.
 */
public final class EkmClient implements ExternalVault {
  private static final int MAX_DATA = 65_536;
  private static final int MAX_AAD = 8192;

  private final EkmExchange exchange;
  private final String vaultId;

  EkmClient(EkmExchange exchange, String vaultId) {
    this.exchange = exchange;
    this.vaultId = vaultId;
  }

  /** GetVaultMetadata: the vault's state (ACTIVE or BLOCKED) and the EKM's vendor. */
  @Override
  public VaultInfo vault(String requestId) {
    EkmCall call = new EkmCall("GetVaultMetadata", vaultId, null, null);
    return exchange.call(call, requestId, "GET", "/metadata", null, EkmAnswers::vault);
  }

  /** GetKeyMetadata: the key's current version, shape (AES, bits), state and permitted ops. */
  @Override
  public KeyInfo key(String requestId, String keyId) {
    EkmCall call = new EkmCall("GetKeyMetadata", vaultId, Ids.id("keyId", keyId), null);
    return exchange.call(
        call, requestId, "GET", "/keys/" + keyId + "/metadata", null, b -> EkmAnswers.key(call, b));
  }

  /** GetKeyVersionMetadata: the version's state and permitted ops. */
  @Override
  public VersionInfo keyVersion(String requestId, String keyId, String keyVersionId) {
    EkmCall call =
        new EkmCall(
            "GetKeyVersionMetadata",
            vaultId,
            Ids.id("keyId", keyId),
            Ids.id("keyVersionId", keyVersionId));
    String path = "/keys/" + keyId + "/keyVersions/" + keyVersionId + "/metadata";
    return exchange.call(call, requestId, "GET", path, null, b -> EkmAnswers.version(call, b));
  }

  /**
   * Encrypt with AES-GCM under {@code keyVersionId}, or the key's current version when it is {@code
   * null}. {@code plaintext} is 1 to 65536 bytes, {@code aad} (optional) at most 8192; the caller
   * keeps and wipes its arrays.
   */
  @Override
  public Sealed encrypt(
      String requestId, String keyId, String keyVersionId, byte[] plaintext, byte[] aad) {
    EkmCall call =
        new EkmCall(
            "Encrypt",
            vaultId,
            Ids.id("keyId", keyId),
            keyVersionId == null ? null : Ids.id("keyVersionId", keyVersionId));
    size("plaintext", plaintext, 1, MAX_DATA);
    byte[] body =
        new JsonBody()
            .binary("plaintext", plaintext)
            .binary("aad", optional("aad", aad))
            .text("keyVersionId", keyVersionId)
            .toBytes();
    return exchange.call(
        call,
        requestId,
        "POST",
        "/keys/" + keyId + "/encrypt",
        body,
        b -> EkmAnswers.encrypted(call, b, plaintext.length));
  }

  /**
   * Decrypt an AES-GCM ciphertext made by {@code keyVersionId} (required: ciphertexts name their
   * version; {@code sealed}'s own version is not sent). The plaintext belongs to the caller, who
   * closes it.
   */
  @Override
  public SecretBytes decrypt(
      String requestId, String keyId, String keyVersionId, Sealed sealed, byte[] aad) {
    EkmCall call =
        new EkmCall(
            "Decrypt", vaultId, Ids.id("keyId", keyId), Ids.id("keyVersionId", keyVersionId));
    byte[] ciphertext = sealed.ciphertext();
    size("ciphertext", ciphertext, 1, MAX_DATA);
    size("iv", sealed.iv(), EkmAnswers.IV_LENGTH, EkmAnswers.IV_LENGTH);
    size("tag", sealed.tag(), EkmAnswers.TAG_LENGTH, EkmAnswers.TAG_LENGTH);
    byte[] body =
        new JsonBody()
            .binary("ciphertext", ciphertext)
            .binary("iv", sealed.iv())
            .binary("tag", sealed.tag())
            .binary("aad", optional("aad", aad))
            .text("keyVersionId", keyVersionId)
            .text("mode", EkmAnswers.MODE)
            .toBytes();
    return exchange.call(
        call,
        requestId,
        "POST",
        "/keys/" + keyId + "/decrypt",
        body,
        b -> EkmAnswers.decrypted(call, b, ciphertext.length));
  }

  /**
   * ekms's RotateKey extension: {@code POST keys/{keyId}/actions/rotate} with an empty JSON body;
   * 201 names the new current version, 202 a request waiting for approval. Not repeatable: it goes
   * to a second node only if no connection to the first could be made.
   */
  @Override
  public Rotation rotate(String requestId, String keyId) {
    EkmCall call = new EkmCall("RotateKey", vaultId, Ids.id("keyId", keyId), null);
    return exchange.call(
        call,
        requestId,
        "POST",
        "/keys/" + keyId + "/actions/rotate",
        new JsonBody().toBytes(),
        false,
        (status, b) -> EkmAnswers.rotation(call, status, b));
  }

  /** GenerateRandomBytes: {@code length} (1 to 65535) random bytes, owned by the caller. */
  public SecretBytes randomBytes(String requestId, int length) {
    if (length < 1 || length > MAX_DATA - 1) {
      throw new IllegalArgumentException("length must be 1 to 65535");
    }
    EkmCall call = new EkmCall("GenerateRandomBytes", vaultId, null, null);
    byte[] body = new JsonBody().number("length", length).toBytes();
    return exchange.call(
        call, requestId, "POST", "/generateRandomBytes", body, b -> EkmAnswers.random(b, length));
  }

  /** The vault's endpoint URL this client calls. */
  public URI vaultUrl() {
    return exchange.vaultUrl();
  }

  @Override
  public String toString() {
    return "EkmClient[" + exchange + "]";
  }

  private static void size(String name, byte[] value, int min, int max) {
    if (value == null || value.length < min || value.length > max) {
      throw new IllegalArgumentException(name + " must be " + min + " to " + max + " bytes");
    }
  }

  /** Empty AAD is no AAD in GCM, so it is left out. */
  private static byte[] optional(String name, byte[] value) {
    if (value == null || value.length == 0) {
      return null;
    }
    size(name, value, 1, MAX_AAD);
    return value;
  }
}
