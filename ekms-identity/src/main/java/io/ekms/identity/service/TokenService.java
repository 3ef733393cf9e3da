package io.ekms.identity.service;

import io.ekms.common.secret.WireSecret;
import io.ekms.core.audit.AuditUnavailableException;
import io.ekms.core.audit.Refusals;
import io.ekms.core.db.Database;
import io.ekms.core.error.ApiException;
import io.ekms.identity.domain.Client;
import io.ekms.identity.domain.Grant;
import io.ekms.identity.domain.Ids;
import io.ekms.identity.keys.SigningKeys;
import io.ekms.identity.store.ClientRepository;
import io.ekms.identity.store.PreviousSecretRepository;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The client-credentials grant (RFC 6749 section 4.4): authenticates the client, checks the grant
 * type, resolves the requested scope into a {@link Grant}, and signs a token with the current key.
 *
 * <p>Every request whose client authenticated, whatever its outcome, leaves exactly one {@code
 * IssueToken} audit record, with the client id (only when it is well formed: a malformed one may be
 * a misplaced secret), the audience, scope names, key id, {@code jti} and expiry; never the secret
 * or the token. A token is returned only after its record is stored. Requests refused before their
 * client authenticated are counted in the bounded refusal records instead ({@link Refusals}).
 */
public final class TokenService {
  static final String OPERATION = "IssueToken";
  private static final String GRANT_TYPE = "client_credentials";

  private final Database db;
  private final SigningKeys keys;
  private final AuditTrail audit;
  private final Refusals refusals;
  private final long lifetimeSeconds;
  private final Supplier<String> issuer;
  private final ClientRepository clients = new ClientRepository();
  private final PreviousSecretRepository previousSecrets = new PreviousSecretRepository();
  private final Clock clock;

  /**
   * @param issuer the issuer URL ({@code iss}); may answer null until the server knows its port
   * @param clock when a rotated client secret's grace ends
   */
  public TokenService(
      Database db,
      SigningKeys keys,
      AuditTrail audit,
      Refusals refusals,
      long lifetimeSeconds,
      Supplier<String> issuer,
      Clock clock) {
    this.clock = clock;
    this.db = db;
    this.keys = keys;
    this.audit = audit;
    this.refusals = refusals;
    this.lifetimeSeconds = lifetimeSeconds;
    this.issuer = issuer;
  }

  /**
   * Issues a token for the request {@code parse} yields. {@code source} is the caller's address: a
   * request refused before its client authenticated is counted under it in the bounded refusal
   * records; every other outcome gets its own record.
   *
   * @throws ApiException with an {@link OAuthError}
   * @throws AuditUnavailableException when the audit log refuses the record (no token is returned)
   */
  public TokenResponse issue(String requestId, String source, Supplier<TokenRequest> parse) {
    CallContext ctx = new CallContext(requestId, CallContext.UNAUTHENTICATED);
    Map<String, String> details = new LinkedHashMap<>();
    try {
      TokenRequest request = parse.get();
      details.put("authMethod", request.method().wireName());
      if (Ids.wellFormedClient(request.clientId())) {
        details.put("clientId", request.clientId());
      }
      Client client = authenticate(request);
      ctx = CallContext.client(requestId, client.id());
      if (request.grantType() == null) {
        throw OAuthError.INVALID_REQUEST.error("The grant_type parameter is required.");
      }
      if (!GRANT_TYPE.equals(request.grantType())) {
        throw OAuthError.UNSUPPORTED_GRANT_TYPE.error("Only client_credentials is supported.");
      }
      Grant grant = grant(client, request.scope());
      details.put("audience", grant.audience());
      details.put("scope", grant.scopeClaim());
      SigningKeys.Signing signing = keys.signing();
      var issued =
          AccessTokens.sign(signing.key(), issuer(), client, grant, signing.at(), lifetimeSeconds);
      details.put("kid", signing.key().kid());
      details.put("jti", issued.jti());
      details.put("expiresAt", issued.expiresAt().toString());
      audit.record(ctx, OPERATION, AuditTrail.OK, details);
      return new TokenResponse(
          WireSecret.of(issued.token()),
          "Bearer",
          lifetimeSeconds,
          request.scope() == null ? grant.scopeClaim() : null);
    } catch (ApiException e) {
      if (ctx.caller().equals(CallContext.UNAUTHENTICATED)) {
        refusals.refused(
            source, OPERATION, e.errorCode().code(), requestId, details.get("clientId"));
      } else {
        audit.recordQuietly(ctx, OPERATION, e.errorCode().code(), details);
      }
      throw e;
    } catch (AuditUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      audit.recordQuietly(ctx, OPERATION, OAuthError.SERVER_ERROR.code(), details);
      throw e;
    }
  }

  private Client authenticate(TokenRequest request) {
    Optional<Client> found =
        Ids.wellFormedClient(request.clientId())
            ? db.withConnection(c -> clients.find(c, request.clientId()))
            : Optional.empty();
    String expected = found.map(Client::secretSha256).orElse(null);
    if (!ClientSecrets.matches(expected, request.secret()) && !previousMatches(found, request)) {
      throw OAuthError.INVALID_CLIENT.error("Client authentication failed.");
    }
    return found.orElseThrow();
  }

  /** True when the client is in a rotation's grace and the request carries its previous secret. */
  private boolean previousMatches(Optional<Client> found, TokenRequest request) {
    if (found.isEmpty()) {
      return false;
    }
    Optional<PreviousSecretRepository.Previous> previous =
        db.withConnection(c -> previousSecrets.find(c, found.get().id()));
    return previous.isPresent()
        && clock.instant().isBefore(previous.get().expiresAt())
        && ClientSecrets.matches(previous.get().secretSha256(), request.secret());
  }

  private static Grant grant(Client client, String scope) {
    try {
      return Grant.resolve(client, scope);
    } catch (Grant.GrantRefused e) {
      throw OAuthError.INVALID_SCOPE.error(e.getMessage());
    }
  }

  private String issuer() {
    String value = issuer.get();
    if (value == null) {
      throw OAuthError.TEMPORARILY_UNAVAILABLE.error("The server is starting; retry shortly.");
    }
    return value;
  }
}
