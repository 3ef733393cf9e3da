package io.ekms.ekm.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.ekms.ekm.auth.TokenRejectedException.Reason;
import java.util.List;

/**
 * Which OAuth client an access token was issued to: what a vault's bound client id is compared
 * with. Issuers name the client in different claims, read in this order:
 *
 * <ol>
 *   <li>{@code client_id} (RFC 9068 section 2.2): OCI identity domains, ekms identity, Keycloak 26
 *       service accounts;
 *   <li>{@code azp}, the authorized party (OpenID Connect Core 1.0 section 2): Keycloak, Auth0,
 *       Entra ID v2.0 tokens;
 *   <li>{@code appid}: Entra ID v1.0 tokens;
 *   <li>{@code sub}, when none of those is present: Okta, whose client-credentials tokens carry the
 *       client id there.
 * </ol>
 *
 * Empty strings count as absent. A token whose {@code client_id}, {@code azp} and {@code appid}
 * name more than one client is refused rather than resolved by the order: a claim mapper at the
 * issuer that adds a {@code client_id} cannot make one client's token pass for another's. {@code
 * sub} is only a fallback and may differ from them (Keycloak puts the service account's user id
 * there, Auth0 {@code <client_id>@clients}). A claim that is present but not a string is refused.
 */
final class ClientClaim {
  /** The claims that name the client directly, in the order they are read. */
  static final List<String> CLAIMS = List.of("client_id", "azp", "appid");

  private ClientClaim() {}

  /**
   * The client {@code claims} name.
   *
   * @throws ClaimRejection {@link Reason#MALFORMED} when no client is named, two are, or a claim is
   *     not a string
   */
  static String of(JWTClaimsSet claims) throws ClaimRejection {
    String client = null;
    for (String name : CLAIMS) {
      String value = string(claims, name);
      if (value == null) {
        continue;
      }
      if (client != null && !client.equals(value)) {
        throw new ClaimRejection(Reason.MALFORMED, "The access token names two different clients.");
      }
      client = value;
    }
    if (client == null) {
      client = string(claims, "sub");
    }
    if (client == null) {
      throw new ClaimRejection(Reason.MALFORMED, "The access token names no client.");
    }
    return client;
  }

  private static String string(JWTClaimsSet claims, String name) throws ClaimRejection {
    Object value = claims.getClaim(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new ClaimRejection(
          Reason.MALFORMED, "The access token's " + name + " claim is not a string.");
    }
    return s.isEmpty() ? null : s;
  }
}
