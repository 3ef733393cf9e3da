package io.ekms.kms.server;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.ekms.core.admin.QuorumSettings;
import io.ekms.core.audit.AuditSettings;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.http.Listener;
import io.ekms.core.http.ListenerLimits;
import io.ekms.kms.egress.EgressPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
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
    Egress egress,
    RateLimit rateLimit,
    ListenerLimits limits,
    Integer versionSyncIntervalSeconds,
    QuorumSettings quorum) {

  /**
   * The admin operations a quorum holds when {@code quorum.operations} is left out: adding an
   * administrator, and granting a user access to a compartment.
   */
  public static final java.util.List<String> QUORUM_DEFAULTS =
      java.util.List.of("CreateAdministrator", "Grant");

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
   * Where the KMS may connect on its callers' behalf (docs/kms-config.md, {@code egress}). Left
   * out, it refuses loopback, link-local and cloud metadata, unspecified and multicast addresses
   * and its own listeners, and allows every other address and host. Lists may also be given as one
   * comma-separated string, as environment variables give them.
   *
   * @param privateEndpointCidrs address ranges private endpoints (EKMs) may point at; empty: any
   * @param identityHosts hosts an {@code idcsAccountNameUrl} may name (names, IP literals, {@code
   *     *.domain}); empty: any
   * @param allowLoopback allow loopback addresses, for single-machine set-ups only
   */
  public record Egress(
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<String> privateEndpointCidrs,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<String> identityHosts,
      Boolean allowLoopback) {
    public Egress {
      privateEndpointCidrs = entries(privateEndpointCidrs);
      identityHosts = entries(identityHosts);
      allowLoopback = Boolean.TRUE.equals(allowLoopback);
      EgressPolicy.of(privateEndpointCidrs, identityHosts, allowLoopback); // every entry parses
    }

    /**
     * Loopback only, for the quickstart, tests and benchmarks on one machine: private endpoints in
     * 127.0.0.0/8 or ::1, identity servers at 127.0.0.1 or ::1.
     */
    public static Egress loopbackOnly() {
      return new Egress(List.of("127.0.0.0/8", "::1/128"), List.of("127.0.0.1", "::1"), true);
    }

    /** A new policy with these settings (and the JVM's resolver). */
    public EgressPolicy policy() {
      return EgressPolicy.of(privateEndpointCidrs, identityHosts, allowLoopback);
    }

    private static List<String> entries(List<String> values) {
      if (values == null) {
        return List.of();
      }
      return values.stream()
          .flatMap(v -> Arrays.stream(String.valueOf(v).split(",")))
          .map(String::strip)
          .filter(v -> !v.isEmpty())
          .toList();
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
    quorum = (quorum == null ? QuorumSettings.off() : quorum).orOperations(QUORUM_DEFAULTS);
    if (sweepIntervalSeconds < 1 || sweepIntervalSeconds > 86_400) {
      throw new IllegalArgumentException("sweepIntervalSeconds must be 1 to 86400");
    }
    egress = egress == null ? new Egress(null, null, null) : egress;
    // How often one node asks the EKMs for versions they made by themselves; 0: never.
    versionSyncIntervalSeconds =
        versionSyncIntervalSeconds == null ? 300 : versionSyncIntervalSeconds;
    if (versionSyncIntervalSeconds < 0 || versionSyncIntervalSeconds > 86_400) {
      throw new IllegalArgumentException("versionSyncIntervalSeconds must be 0 to 86400");
    }
    if (publicUrl != null && (!publicUrl.startsWith("https://") || !hasHost(publicUrl))) {
      throw new IllegalArgumentException("publicUrl must be an https URL with a host");
    }
  }

  private static boolean hasHost(String url) {
    try {
      return new URI(url).getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The defaults, for a data directory. */
  public static KmsConfig defaults(Path dataDir) {
    return builder(dataDir).build();
  }

  /** A builder starting from the defaults for {@code dataDir}. */
  public static KmsConfigBuilder builder(Path dataDir) {
    return new KmsConfigBuilder(dataDir);
  }

  /** A builder holding every setting of this configuration, to change some of them. */
  public KmsConfigBuilder toBuilder() {
    return builder(dataPath())
        .api(api)
        .admin(admin)
        .publicUrl(publicUrl)
        .tls(tls)
        .database(database)
        .masterKeyFile(masterKeyFile)
        .ekm(ekm)
        .audit(audit)
        .sweepIntervalSeconds(sweepIntervalSeconds)
        .egress(egress)
        .rateLimit(rateLimit)
        .limits(limits)
        .versionSyncIntervalSeconds(versionSyncIntervalSeconds);
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
