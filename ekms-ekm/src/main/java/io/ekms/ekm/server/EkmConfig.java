package io.ekms.ekm.server;

import io.ekms.core.admin.QuorumSettings;
import io.ekms.core.audit.AuditSettings;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.http.Listener;
import io.ekms.core.http.ListenerLimits;
import io.ekms.core.secret.SecretRef;
import java.nio.file.Path;

/**
 * The EKM's configuration tree (YAML, overridable by {@code EKMS_EKM_...} variables). Everything
 * left out defaults to a file under {@code dataDir}, so an empty file runs a complete EKM. New keys
 * go to {@code defaultBackend} ({@code software}, or {@code pkcs11} when that section is set)
 * unless their creation names another.
 */
public record EkmConfig(
    String dataDir,
    Listener api,
    Listener admin,
    TlsFiles tls,
    DatabaseConfig database,
    Keystore keystore,
    Tokens tokens,
    AuditSettings audit,
    RateLimit rateLimit,
    Pkcs11 pkcs11,
    String defaultBackend,
    Xks xks,
    ListenerLimits limits,
    Console console,
    Rotation rotation,
    QuorumSettings quorum,
    KeyDeletion keyDeletion) {

  /**
   * Deleting a key (docs/operations.md, "Scheduled key deletion"): it waits {@code pendingDays}
   * (default 30; 7 to 30, a request may name its own) before it is deleted, refusing every call and
   * cancellable meanwhile; each node looks for due deletions every {@code checkIntervalSeconds}
   * (default 60). {@code pendingDays: 0} deletes at once: for development stacks only.
   */
  public record KeyDeletion(Integer pendingDays, Integer checkIntervalSeconds) {
    public KeyDeletion {
      pendingDays = pendingDays == null ? 30 : pendingDays;
      checkIntervalSeconds = checkIntervalSeconds == null ? 60 : checkIntervalSeconds;
      if (pendingDays != 0 && (pendingDays < 7 || pendingDays > 30)) {
        throw new IllegalArgumentException("keyDeletion.pendingDays must be 7 to 30 (or 0)");
      }
      if (checkIntervalSeconds < 1 || checkIntervalSeconds > 86_400) {
        throw new IllegalArgumentException("keyDeletion.checkIntervalSeconds must be 1 to 86400");
      }
    }
  }

  /**
   * The admin operations a quorum holds when {@code quorum.operations} is left out: destroying a
   * key version, deleting a key, removing an issuer, rebinding a vault, changing a policy, adding
   * an XKS credential, adding an administrator.
   */
  public static final java.util.List<String> QUORUM_DEFAULTS =
      java.util.List.of(
          "destroyKeyVersion",
          "deleteKey",
          "RemoveIssuer",
          "RebindVault",
          "PolicyCreate",
          "PolicyReplace",
          "PolicyDelete",
          "XksAddCredential",
          "CreateAdministrator");

  /**
   * Rotation (docs/operations.md, Rotation): {@code kmsApi} serves the EKM API's rotate extension
   * (default true; each key still denies it unless its {@code kmsRotation} says otherwise; false
   * answers 404 as an EKM without it), and {@code checkIntervalSeconds} is how often each node
   * looks for keys whose crypto period has run out (default 60, 1 to 86400).
   */
  public record Rotation(Boolean kmsApi, Integer checkIntervalSeconds) {
    public Rotation {
      kmsApi = kmsApi == null || kmsApi;
      checkIntervalSeconds = checkIntervalSeconds == null ? 60 : checkIntervalSeconds;
      if (checkIntervalSeconds < 1 || checkIntervalSeconds > 86_400) {
        throw new IllegalArgumentException("rotation.checkIntervalSeconds must be 1 to 86400");
      }
    }
  }

  /**
   * The console on the admin listener ({@code /console}): a session ends after {@code
   * idleTimeoutMinutes} without use (default 15) and after {@code maxAgeHours} in any case (default
   * 8); {@code enabled: false} serves no console.
   */
  public record Console(Boolean enabled, Integer idleTimeoutMinutes, Integer maxAgeHours) {
    public Console {
      enabled = enabled == null || enabled;
      idleTimeoutMinutes = idleTimeoutMinutes == null ? 15 : idleTimeoutMinutes;
      maxAgeHours = maxAgeHours == null ? 8 : maxAgeHours;
      if (idleTimeoutMinutes < 1 || idleTimeoutMinutes > 24 * 60) {
        throw new IllegalArgumentException("console.idleTimeoutMinutes must be 1 to 1440");
      }
      if (maxAgeHours < 1 || maxAgeHours > 24 * 7) {
        throw new IllegalArgumentException("console.maxAgeHours must be 1 to 168");
      }
    }
  }

  /**
   * The XKS proxy API's own listener, when {@code listener} is set, requiring client certificates
   * issued by a CA in {@code clientCaFile} (PEM) when that is set too (mutual TLS). Without a
   * listener, the XKS API is served on the API listener.
   */
  public record Xks(Listener listener, String clientCaFile) {
    public Xks {
      if (clientCaFile != null && listener == null) {
        throw new IllegalArgumentException("xks.clientCaFile needs xks.listener");
      }
    }
  }

  /**
   * The PKCS#11 backend, registered as {@code pkcs11} when this section is present: the library,
   * the label of the token (its slot is looked up by label at every start, since slot numbers and
   * list positions change when tokens are added), the user PIN from a file or variable, and the
   * least seconds between two reconnect attempts after a device failure (default 1).
   */
  public record Pkcs11(
      String library, String tokenLabel, SecretRef pin, Integer reconnectIntervalSeconds) {
    public Pkcs11 {
      if (library == null || library.isBlank()) {
        throw new IllegalArgumentException("pkcs11.library is required");
      }
      if (tokenLabel == null || tokenLabel.isEmpty() || tokenLabel.length() > 32) {
        throw new IllegalArgumentException("pkcs11.tokenLabel must be 1 to 32 characters");
      }
      if (pin == null) {
        throw new IllegalArgumentException("pkcs11.pin is required (a file or env reference)");
      }
      reconnectIntervalSeconds = reconnectIntervalSeconds == null ? 1 : reconnectIntervalSeconds;
      if (reconnectIntervalSeconds < 0 || reconnectIntervalSeconds > 300) {
        throw new IllegalArgumentException("pkcs11.reconnectIntervalSeconds must be 0 to 300");
      }
    }
  }

  /**
   * Per-vault limit on EKM API requests per second, with bursts; 0 (the default) is no limit. Each
   * node counts on its own.
   */
  public record RateLimit(Integer perSecondPerVault, Integer burst) {
    public RateLimit {
      perSecondPerVault = perSecondPerVault == null ? 0 : perSecondPerVault;
      burst = burst == null ? perSecondPerVault : burst;
      if (perSecondPerVault < 0 || perSecondPerVault > 1_000_000 || burst < 0) {
        throw new IllegalArgumentException("rateLimit values must be 0 to 1000000");
      }
    }
  }

  /**
   * PEM files of the server certificate chain and its private key, and {@code clientCaFile}: when
   * set, the API listener requires a client certificate issued by one of the CAs in that PEM file
   * (mutual TLS with the KMS; docs/operations.md). The admin listener never asks for one.
   */
  public record TlsFiles(String certificate, String privateKey, String clientCaFile) {}

  /** The software keystore's master key: a key file, or a passphrase from a file or variable. */
  public record Keystore(String masterKeyFile, SecretRef passphrase) {
    public Keystore {
      if (masterKeyFile != null && passphrase != null) {
        throw new IllegalArgumentException(
            "set keystore.masterKeyFile or keystore.passphrase," + " not both");
      }
    }
  }

  /**
   * What access tokens must say: the audience (by default the EKM's own origin, {@code
   * https://host:port/}, which is what the ekms KMS asks tokens for), and the clock skew tolerated
   * on exp and nbf.
   */
  public record Tokens(String audience, Integer clockSkewSeconds) {
    public Tokens {
      if (audience != null && (audience.isBlank() || audience.length() > 512)) {
        throw new IllegalArgumentException("tokens.audience must be 1 to 512 characters");
      }
      if (clockSkewSeconds == null) {
        clockSkewSeconds = 60;
      }
      if (clockSkewSeconds < 0 || clockSkewSeconds > 300) {
        throw new IllegalArgumentException("tokens.clockSkewSeconds must be 0 to 300");
      }
    }
  }

  public EkmConfig {
    if (dataDir == null || dataDir.isBlank()) {
      dataDir = "ekms-data/ekm";
    }
    Path dir = Path.of(dataDir).toAbsolutePath();
    dataDir = dir.toString();
    api = api == null ? new Listener("127.0.0.1", 8443) : api;
    admin = admin == null ? new Listener("127.0.0.1", 8444) : admin;
    if (tls == null) {
      tls =
          new TlsFiles(
              dir.resolve("tls/server.pem").toString(),
              dir.resolve("tls/server-key.pem").toString(),
              null);
    }
    database = database == null ? DatabaseConfig.h2File(dir, "ekm") : database;
    if (keystore == null) {
      keystore = new Keystore(dir.resolve("master.key").toString(), null);
    }
    tokens = tokens == null ? new Tokens(null, null) : tokens;
    if (audit == null) {
      audit = AuditSettings.defaultsIn(dir);
    }
    rateLimit = rateLimit == null ? new RateLimit(null, null) : rateLimit;
    defaultBackend = defaultBackend == null ? "software" : defaultBackend;
    limits = limits == null ? ListenerLimits.defaults() : limits;
    console = console == null ? new Console(null, null, null) : console;
    rotation = rotation == null ? new Rotation(null, null) : rotation;
    quorum = (quorum == null ? QuorumSettings.off() : quorum).orOperations(QUORUM_DEFAULTS);
    keyDeletion = keyDeletion == null ? new KeyDeletion(null, null) : keyDeletion;
    if (!defaultBackend.equals("software") && !defaultBackend.equals("pkcs11")) {
      throw new IllegalArgumentException("defaultBackend must be software or pkcs11");
    }
    if (defaultBackend.equals("pkcs11") && pkcs11 == null) {
      throw new IllegalArgumentException("defaultBackend pkcs11 needs the pkcs11 section");
    }
  }

  /** The audience tokens must name: the configured one, else {@code https://host:port/}. */
  public String audience() {
    if (tokens.audience() != null) {
      return tokens.audience();
    }
    if (api.port() == 0) {
      throw new IllegalArgumentException("tokens.audience is required when api.port is 0");
    }
    String host = api.host().contains(":") ? "[" + api.host() + "]" : api.host();
    return "https://" + host + ":" + api.port() + "/";
  }

  public Path dataPath() {
    return Path.of(dataDir);
  }

  /** The defaults, for a data directory. */
  public static EkmConfig defaults(Path dataDir) {
    return builder(dataDir).build();
  }

  /** A builder starting from the defaults for {@code dataDir}. */
  public static EkmConfigBuilder builder(Path dataDir) {
    return new EkmConfigBuilder(dataDir);
  }
}
