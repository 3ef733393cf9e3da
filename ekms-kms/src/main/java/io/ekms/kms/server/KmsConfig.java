package io.ekms.kms.server;

import io.ekms.core.audit.AuditSettings;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.http.Listener;
import io.ekms.core.http.ListenerLimits;
import java.nio.file.Path;
import java.util.List;

/**
 * The KMS's configuration tree (YAML, overridable by {@code EKMS_KMS_...} variables); everything
 * left out defaults to a file under {@code dataDir}.
 */
public record KmsConfig(
    String dataDir,
    Listener api,
    Listener admin,
    String publicUrl,
    TlsFiles tls,
    DatabaseConfig database,
    String masterKeyFile,
    Ekm ekm,
    AuditSettings audit,
    Integer sweepIntervalSeconds,
    RateLimit rateLimit,
    ListenerLimits limits) {

  /** PEM files of the server certificate chain and key. */
  public record TlsFiles(String certificate, String privateKey) {}

  /**
   * How the KMS reaches EKMs: timeouts (OCI's for external key managers by default: 500 ms to
   * connect, 1 s to read) and the CA files trusted for identity servers' token endpoints.
   */
  public record Ekm(
      Integer connectTimeoutMillis, Integer readTimeoutMillis, List<String> identityCaFiles) {
    public Ekm {
      connectTimeoutMillis = connectTimeoutMillis == null ? 500 : connectTimeoutMillis;
      readTimeoutMillis = readTimeoutMillis == null ? 1000 : readTimeoutMillis;
      identityCaFiles = identityCaFiles == null ? List.of() : List.copyOf(identityCaFiles);
      if (connectTimeoutMillis < 50
          || connectTimeoutMillis > 60_000
          || readTimeoutMillis < 50
          || readTimeoutMillis > 60_000) {
        throw new IllegalArgumentException("ekm timeouts must be 50 to 60000 ms");
      }
    }
  }

  /**
   * Requests each authenticated principal may make per second on average, with bursts of up to
   * {@code burst} (defaults 1000 and 2000; 0 turns the limit off). Each KMS node counts on its own;
   * over the rate the answer is 429 TooManyRequests with {@code Retry-After}.
   */
  public record RateLimit(Integer perSecondPerPrincipal, Integer burst) {
    public RateLimit {
      perSecondPerPrincipal = perSecondPerPrincipal == null ? 1000 : perSecondPerPrincipal;
      burst = burst == null ? 2 * perSecondPerPrincipal : burst;
      if (perSecondPerPrincipal < 0
          || perSecondPerPrincipal > 1_000_000
          || burst < 0
          || burst > 2_000_000) {
        throw new IllegalArgumentException(
            "rateLimit.perSecondPerPrincipal must be 0 to 1000000 and burst 0 to 2000000");
      }
    }
  }

  public KmsConfig {
    dataDir =
        Path.of(dataDir == null || dataDir.isBlank() ? "ekms-data/kms" : dataDir)
            .toAbsolutePath()
            .toString();
    Path dir = Path.of(dataDir);
    api = api == null ? new Listener("127.0.0.1", 9443) : api;
    admin = admin == null ? new Listener("127.0.0.1", 9444) : admin;
    if (tls == null) {
      tls =
          new TlsFiles(
              dir.resolve("tls/server.pem").toString(),
              dir.resolve("tls/server-key.pem").toString());
    }
    database = database == null ? DatabaseConfig.h2File(dir, "kms") : database;
    masterKeyFile = masterKeyFile == null ? dir.resolve("master.key").toString() : masterKeyFile;
    ekm = ekm == null ? new Ekm(null, null, null) : ekm;
    audit = audit == null ? AuditSettings.defaultsIn(dir) : audit;
    sweepIntervalSeconds = sweepIntervalSeconds == null ? 60 : sweepIntervalSeconds;
    rateLimit = rateLimit == null ? new RateLimit(null, null) : rateLimit;
    limits = limits == null ? ListenerLimits.defaults() : limits;
    if (sweepIntervalSeconds < 1 || sweepIntervalSeconds > 86_400) {
      throw new IllegalArgumentException("sweepIntervalSeconds must be 1 to 86400");
    }
    if (publicUrl != null && !publicUrl.startsWith("https://")) {
      throw new IllegalArgumentException("publicUrl must be an https URL");
    }
  }

  /** The defaults, for a data directory. */
  public static KmsConfig defaults(Path dataDir) {
    return new KmsConfig(
        dataDir.toString(), null, null, null, null, null, null, null, null, null, null, null);
  }

  public Path dataPath() {
    return Path.of(dataDir);
  }

  /** The base URL clients use; by default the listener's own address. */
  public String baseUrl(int actualPort) {
    if (publicUrl != null) {
      return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
    String host = api.host().contains(":") ? "[" + api.host() + "]" : api.host();
    return "https://" + host + ":" + actualPort;
  }
}
