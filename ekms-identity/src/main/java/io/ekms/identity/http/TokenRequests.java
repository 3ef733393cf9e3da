package io.ekms.identity.http;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.http.Bodies;
import io.ekms.core.http.Request;
import io.ekms.identity.service.OAuthError;
import io.ekms.identity.service.TokenRequest;
import io.ekms.identity.service.TokenRequest.AuthMethod;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a token request: the bounded form body and the client's credentials, either HTTP Basic
 * ({@code client_secret_basic}, with form-encoded id and secret, RFC 6749 section 2.3.1) or {@code
 * client_id} and {@code client_secret} in the body ({@code client_secret_post}), never both and
 * never in the URL.
 */
final class TokenRequests {
  static final int MAX_BODY = 8 * 1024;
  private static final int MAX_AUTHORIZATION = 4096;
  private static final String BASIC = "basic ";
  private static final String FORM = "application/x-www-form-urlencoded";

  private TokenRequests() {}

  static TokenRequest parse(Request req) {
    if (req.query("client_secret").isPresent()) {
      throw OAuthError.INVALID_REQUEST.error("Credentials must not be sent in the URL.");
    }
    String type = java.util.Objects.requireNonNullElse(req.header("Content-Type"), "");
    if (!type.toLowerCase(Locale.ROOT).split(";")[0].strip().equals(FORM)) {
      throw OAuthError.INVALID_REQUEST.error("The body must be " + FORM + ".");
    }
    Map<String, String> form;
    try {
      form = FormBody.parse(req.body());
    } catch (Bodies.UnusableBodyException e) {
      throw OAuthError.INVALID_REQUEST.error(e.getMessage());
    }
    String authorization = req.header("Authorization");
    String grantType = form.get("grant_type");
    String scope = form.get("scope");
    if (authorization != null) {
      if (form.containsKey("client_secret")) {
        throw OAuthError.INVALID_REQUEST.error("Use one client authentication method, not two.");
      }
      String[] basic = basic(authorization);
      String bodyId = form.get("client_id");
      if (bodyId != null && !bodyId.equals(basic[0])) {
        throw OAuthError.INVALID_REQUEST.error("client_id differs from the Basic credentials.");
      }
      return request(basic[0], basic[1], AuthMethod.CLIENT_SECRET_BASIC, grantType, scope);
    }
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    if (id == null || secret == null) {
      throw OAuthError.INVALID_CLIENT.error("Client authentication is required.");
    }
    return request(id, secret, AuthMethod.CLIENT_SECRET_POST, grantType, scope);
  }

  /** {@code [id, secret]} of a Basic header; anything malformed is {@code invalid_client}. */
  private static String[] basic(String authorization) {
    if (authorization.length() > MAX_AUTHORIZATION
        || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      throw OAuthError.INVALID_CLIENT.error("Client authentication must use HTTP Basic.");
    }
    String decoded;
    try {
      byte[] raw = Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip());
      decoded = new String(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw OAuthError.INVALID_CLIENT.error("The Basic credentials are not valid Base64.");
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw OAuthError.INVALID_CLIENT.error("The Basic credentials must be id:secret.");
    }
    try {
      return new String[] {
        FormBody.decode(decoded.substring(0, colon)), FormBody.decode(decoded.substring(colon + 1))
      };
    } catch (RuntimeException e) {
      throw OAuthError.INVALID_CLIENT.error("The Basic credentials are not form-encoded.");
    }
  }

  private static TokenRequest request(
      String id, String secret, AuthMethod method, String grantType, String scope) {
    SecretBytes presented = SecretBytes.copyOf(secret.getBytes(StandardCharsets.UTF_8));
    return new TokenRequest(id, presented, method, grantType, scope);
  }
}
