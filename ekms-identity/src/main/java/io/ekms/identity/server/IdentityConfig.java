package io.ekms.identity.server;

import io.ekms.core.audit.AuditSettings;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.http.Listener;
import io.ekms.core.http.ListenerLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The identity server's configuration tree (YAML, overridable by {@code EKMS_IDENTITY_...}
 * variables, loaded by {@code ConfigLoader}). Everything left out defaults to a file under {@code
 * dataDir} ({@code ekms-data/identity}), so an empty file runs a complete identity server.
 *
 * <p>{@code issuer} is the exact {@code iss} of every token and the base of the discovery URL
 * ({@code <issuer>/.well-known/openid-configuration}): an {@code https} URL without query, fragment
 * or trailing slash. Left out, it is {@code https://<api.host>:<port>} with the port actually
 * bound, which needs a loopback {@code api.host} (the local CA's certificate names only loopback).
 */
public record IdentityConfig(
    String dataDir,
    Listener api,
    Listener admin,
    String issuer,
    TlsFiles tls,
    DatabaseConfig database,
    String masterKeyFile,
    Tokens tokens,
    AuditSettings audit,
    ListenerLimits limits) {

  /** PEM files of the server certificate chain and its private key. */
  public record TlsFiles(String certificate, String privateKey) {}

  /**
   * Access token lifetime (60 to 86400 s, default 3600) and the clock skew validators may allow (0
   * to 300 s, default 60): a replaced signing key stays published for lifetime + skew.
   */
  public record Tokens(Integer lifetimeSeconds, Integer clockSkewSeconds) {
    public Tokens {
      lifetimeSeconds = lifetimeSeconds == null ? 3600 : lifetimeSeconds;
      clockSkewSeconds = clockSkewSeconds == null ? 60 : clockSkewSeconds;
      if (lifetimeSeconds < 60 || lifetimeSeconds > 86_400) {
        throw new IllegalArgumentException("tokens.lifetimeSeconds must be 60 to 86400");
      }
      if (clockSkewSeconds < 0 || clockSkewSeconds > 300) {
        throw new IllegalArgumentException("tokens.clockSkewSeconds must be 0 to 300");
      }
    }
  }

  public IdentityConfig {
    if (dataDir == null || dataDir.isBlank()) {
      dataDir = "ekms-data/identity";
    }
    Path dir = Path.of(dataDir).toAbsolutePath();
    dataDir = dir.toString();
    api = api == null ? new Listener("127.0.0.1", 8445) : api;
    admin = admin == null ? new Listener("127.0.0.1", 8446) : admin;
    issuer = issuer == null ? null : checkIssuer(issuer);
    if (issuer == null && !api.isLoopback()) {
      throw new IllegalArgumentException("set issuer when api.host is not a loopback address");
    }
    if (tls == null) {
      tls =
          new TlsFiles(
              dir.resolve("tls/server.pem").toString(),
              dir.resolve("tls/server-key.pem").toString());
    }
    database = database == null ? DatabaseConfig.h2File(dir, "identity") : database;
    masterKeyFile = masterKeyFile == null ? dir.resolve("master.key").toString() : masterKeyFile;
    tokens = tokens == null ? new Tokens(null, null) : tokens;
    audit = audit == null ? AuditSettings.defaultsIn(dir) : audit;
    limits = limits == null ? ListenerLimits.defaults() : limits;
  }

  /** The defaults, for a data directory. */
  public static IdentityConfig defaults(Path dataDir) {
    return builder(dataDir).build();
  }

  /** A builder starting from the defaults for {@code dataDir}. */
  public static IdentityConfigBuilder builder(Path dataDir) {
    return new IdentityConfigBuilder(dataDir);
  }

  public Path dataPath() {
    return Path.of(dataDir);
  }

  /** The issuer URL: as configured, or derived from {@code api.host} and the bound port. */
  public String issuerFor(int boundPort) {
    if (issuer != null) {
      return issuer;
    }
    String host = api.host().contains(":") ? "[" + api.host() + "]" : api.host();
    return "https://" + host + ":" + boundPort;
  }

  private static String checkIssuer(String value) {
    String url = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("issuer is not a valid URL");
    }
    if (!"https".equals(uri.getScheme())
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null
        || url.length() > 2048) {
      throw new IllegalArgumentException(
          "issuer must be an https URL with a host and no query, fragment or user info");
    }
    return url;
  }
}
