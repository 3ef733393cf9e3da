package io.ekms.ekm.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The facts of an access token that passed every check of {@link TokenValidator}: signature,
 * issuer, audience, lifetime and scope. Whether {@link #clientId()} may use a given vault is the
 * caller's decision (403 when it may not).
 *
 * @param issuer the exact {@code iss} value
 * @param clientId the client the token was issued to, as {@link ClientClaim} reads it ({@code
 *     client_id}, {@code azp}, {@code appid}, else {@code sub})
 * @param subject the {@code sub} claim, or {@code null} when absent
 * @param scopes every scope the token carries ({@code scope} and {@code scp} together)
 * @param expiresAt the {@code exp} claim
 * @param tokenId the {@code jti} claim, or {@code null} when absent
 */
public record VerifiedToken(
    String issuer,
    String clientId,
    String subject,
    Set<String> scopes,
    Instant expiresAt,
    String tokenId) {
  public VerifiedToken {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    scopes = Set.copyOf(scopes);
  }
}
