package io.ekms.kms.http;

import io.ekms.core.audit.Refusals;
import io.ekms.core.db.Database;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.RequestMetrics;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.kms.external.ExternalVaults;
import io.ekms.kms.service.Access;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.CryptoService;
import io.ekms.kms.service.KeyManagement;
import io.ekms.kms.service.KeyService;
import io.ekms.kms.service.KeyVersionService;
import io.ekms.kms.service.KmsAudit;
import io.ekms.kms.service.PrivateEndpointService;
import io.ekms.kms.service.RequestRates;
import io.ekms.kms.service.Resources;
import io.ekms.kms.service.RetryTokens;
import io.ekms.kms.service.SecretSealer;
import io.ekms.kms.service.VaultService;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.util.function.Supplier;

/** Builds the KMS API's services and registers all its routes. */
public final class KmsRoutes {
  /** The largest request body of the KMS API. */
  static final int MAX_BODY = 64 * 1024;

  private final VaultRoutes vaultRoutes;
  private final KeyRoutes keyRoutes;
  private final CryptoRoutes cryptoRoutes;
  private final Supplier<String> baseUrl;

  public KmsRoutes(
      Database db,
      Clock clock,
      Authenticator authenticator,
      RequestRates rates,
      Access access,
      KmsAudit audit,
      Refusals refusals,
      RetryTokens retryTokens,
      ExternalVaults externalVaults,
      SecretSealer sealer,
      RequestMetrics metrics,
      Supplier<String> baseUrl,
      EgressPolicy egress) {
    this.baseUrl = baseUrl;
    Resources resources = new Resources(db);
    Exchange<Caller> exchange =
        Exchange.builder(new KmsCallers(authenticator, rates), KmsErrorMapper.TABLE)
            .refusals(refusals)
            .audit(KmsErrorMapper.audit(audit))
            .metrics(metrics)
            .maxBody(MAX_BODY)
            .build();
    Idempotent idempotent = new Idempotent(retryTokens);
    var endpoints = new PrivateEndpointService(db, access, audit, clock, egress, sealer);
    var vaults = new VaultService(resources, access, audit, externalVaults, sealer, clock, egress);
    var management = new KeyManagement(resources, access, audit, externalVaults, sealer, clock);
    var keys = new KeyService(management);
    var versions = new KeyVersionService(management);
    var crypto = new CryptoService(resources, access, audit, externalVaults, sealer);
    this.vaultRoutes = new VaultRoutes(endpoints, vaults, exchange, idempotent, baseUrl);
    this.keyRoutes = new KeyRoutes(keys, versions, exchange, idempotent);
    this.cryptoRoutes = new CryptoRoutes(crypto, exchange);
  }

  /**
   * Registers the routes, the crypto ones first: Helidon tries routes in order, matching each path
   * template with a regular expression, so the calls that carry the traffic are found at the first
   * tries instead of after every management route (no two of these paths overlap).
   */
  public void routing(HttpRouting.Builder routing) {
    cryptoRoutes.routing(routing);
    vaultRoutes.routing(routing);
    keyRoutes.routing(routing);
  }
}
