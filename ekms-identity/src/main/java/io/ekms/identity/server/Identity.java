package io.ekms.identity.server;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.Refusals;
import io.ekms.core.crypto.KeyFile;
import io.ekms.core.db.Database;
import io.ekms.core.http.AdminCredential;
import io.ekms.core.http.RequestMetrics;
import io.ekms.identity.http.AdminRoutes;
import io.ekms.identity.http.OAuthRoutes;
import io.ekms.identity.keys.KeySealer;
import io.ekms.identity.keys.SigningKeys;
import io.ekms.identity.service.AuditTrail;
import io.ekms.identity.service.ClientAdmin;
import io.ekms.identity.service.KeyAdmin;
import io.ekms.identity.service.TokenService;
import io.ekms.identity.store.MetaRepository;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The embedded identity server: its services wired together, ready to be mounted on any Helidon
 * routing. {@link IdentityServer} mounts it on its own listeners; another ekms process (the KMS)
 * can mount {@link #routing} on its public listener and {@link #adminRouting} on its admin one.
 *
 * <p>Contract for embedders: the database must carry the {@code db/identity} and {@code db/audit}
 * migrations and have been prepared by {@link IdentityInit} (admin token hash, first signing key);
 * {@code issuer} must answer the public base URL the OAuth routes are served under (or null while
 * that is not known yet, which answers 503). The caller owns the database and the audit log; {@link
 * #close()} wipes the master key.
 */
public final class Identity implements AutoCloseable {
  private final KeySealer sealer;
  private final Refusals refusals;
  private final OAuthRoutes oauth;
  private final AdminRoutes admin;

  private Identity(KeySealer sealer, Refusals refusals, OAuthRoutes oauth, AdminRoutes admin) {
    this.sealer = sealer;
    this.refusals = refusals;
    this.oauth = oauth;
    this.admin = admin;
  }

  /**
   * Loads the admin credential, the master key and the signing keys.
   *
   * @throws Misconfiguration when the data is not initialised or the master key does not fit
   */
  public static Identity open(
      IdentityConfig config, Database db, AuditLog auditLog, Supplier<String> issuer, Clock clock) {
    String adminHash =
        db.withConnection(c -> new MetaRepository().get(c, IdentityInit.ADMIN_HASH))
            .orElseThrow(
                () ->
                    new Misconfiguration(
                        "the identity server has no admin token; run 'ekms identity init'."));
    KeySealer sealer = new KeySealer(masterKey(Path.of(config.masterKeyFile())));
    Refusals refusals = new Refusals(auditLog, clock);
    try {
      int lifetime = config.tokens().lifetimeSeconds();
      SigningKeys keys =
          SigningKeys.open(
              db, sealer, clock, lifetime, Duration.ofSeconds(config.tokens().clockSkewSeconds()));
      AuditTrail audit = new AuditTrail(auditLog, clock);
      var tokens = new TokenService(db, keys, audit, refusals, lifetime, issuer, clock);
      var oauth =
          new OAuthRoutes(
              tokens, keys, issuer, new RequestMetrics(registry(), "identity_requests"));
      var admin =
          new AdminRoutes(
              new ClientAdmin(db, audit, clock),
              new KeyAdmin(keys, audit),
              auditLog,
              new AdminCredential(adminHash),
              audit,
              refusals,
              new RequestMetrics(registry(), "identity_admin_requests"));
      return new Identity(sealer, refusals, oauth, admin);
    } catch (RuntimeException e) {
      refusals.close();
      sealer.close();
      throw e;
    }
  }

  /** Registers the public OAuth endpoints (token, JWKS, discovery) on {@code routing}. */
  public void routing(HttpRouting.Builder routing) {
    oauth.routing(routing);
  }

  /** Registers the admin API ({@code /admin/v1/identity/...}) on {@code routing}. */
  public void adminRouting(HttpRouting.Builder routing) {
    admin.routing(routing);
  }

  /** Writes the pending refusal records (before the caller closes the audit log) and wipes keys. */
  @Override
  public void close() {
    refusals.close();
    sealer.close();
  }

  private static SecretBytes masterKey(Path file) {
    try {
      return KeyFile.read(file);
    } catch (IOException e) {
      throw new Misconfiguration(
          "cannot read the master key file "
              + file
              + "; run 'ekms identity init' or fix masterKeyFile ("
              + e.getMessage()
              + ").");
    }
  }

  /**
   * The registry Helidon's metrics observer publishes at /metrics. Helidon 4.5 marks the static
   * accessor for removal in favour of its service registry, which ekms does not use.
   */
  @SuppressWarnings("removal")
  private static io.helidon.metrics.api.MeterRegistry registry() {
    return io.helidon.metrics.api.Metrics.globalRegistry();
  }
}
