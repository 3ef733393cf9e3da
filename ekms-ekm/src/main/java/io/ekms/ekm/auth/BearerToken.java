package io.ekms.ekm.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.ekms.ekm.auth.TokenRejectedException.Reason;
import java.text.ParseException;
import java.util.Locale;
import java.util.Set;

/**
 * The checks that need no key: the {@code Authorization} header, the token's size and syntax, and
 * its JOSE header. The algorithm is decided here, before any key look-up, so {@code none} and HMAC
 * tokens never reach the JWKS (the HS256-with-the-public-key confusion attack needs a verifier that
 * lets the token choose the algorithm).
 */
final class BearerToken {
  static final int MAX_TOKEN_CHARS = 16 * 1024;
  static final Set<JWSAlgorithm> ALLOWED_ALGS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  /**
   * Compact serialization, three base64url parts (the signature may be empty for {@code none}), as
   * a regular expression: {@value}. {@link #compact} checks it by hand on every request; {@code
   * BearerTokenTest} holds the two to the same answers.
   */
  static final String COMPACT = "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*";

  /** {@code typ} values of access tokens: absent, plain JWT, or RFC 9068's {@code at+jwt}. */
  private static final Set<String> TYPES = Set.of("jwt", "at+jwt", "application/at+jwt");

  private static final String SCHEME = "bearer ";

  private BearerToken() {}

  /** The token of a {@code Bearer} authorization header value, checked for size and syntax. */
  static String extract(String authorization) {
    if (authorization == null
        || authorization.length() < SCHEME.length()
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw reject(Reason.MISSING_TOKEN, "A Bearer access token is required.");
    }
    String token = authorization.substring(SCHEME.length()).strip();
    if (token.isEmpty()) {
      throw reject(Reason.MISSING_TOKEN, "A Bearer access token is required.");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw reject(Reason.MALFORMED, "The access token is too long.");
    }
    if (!compact(token)) {
      throw reject(Reason.MALFORMED, "The access token is not a compact JWS.");
    }
    return token;
  }

  /** True when {@code token} has the {@link #COMPACT} shape. */
  static boolean compact(String token) {
    int dots = 0;
    int partLength = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        if (partLength == 0 || ++dots > 2) {
          return false;
        }
        partLength = 0;
      } else if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '-') {
        partLength++;
      } else {
        return false;
      }
    }
    return dots == 2;
  }

  /** Parses {@code token} and checks its header: algorithm, type and key id. */
  static SignedJWT parse(String token) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw reject(Reason.MALFORMED, "The access token is not a well-formed JWT.");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw reject(Reason.ALG_NOT_ALLOWED, "The access token must be signed with RS256 or ES256.");
    }
    JWSHeader header = signed.getHeader();
    if (!ALLOWED_ALGS.contains(header.getAlgorithm())) {
      throw reject(Reason.ALG_NOT_ALLOWED, "The access token must be signed with RS256 or ES256.");
    }
    if (header.getType() != null
        && !TYPES.contains(header.getType().getType().toLowerCase(Locale.ROOT))) {
      throw reject(Reason.MALFORMED, "The access token has an unexpected type.");
    }
    if (header.getKeyID() == null || header.getKeyID().isEmpty()) {
      throw reject(Reason.UNKNOWN_KEY, "The access token names no signing key (kid).");
    }
    return signed;
  }

  /** The claims, not yet trusted: only for choosing the issuer whose keys verify them. */
  static JWTClaimsSet unverifiedClaims(SignedJWT jwt) {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw reject(Reason.MALFORMED, "The access token's claims are not valid.");
    }
  }

  static TokenRejectedException reject(Reason reason, String message) {
    return new TokenRejectedException(reason, message);
  }
}
