package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.kms.external.IdentityFailure;
import java.net.URLEncoder;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One client-credentials request (RFC 6749 section 4.4) to a vault's identity server: {@code POST}
 * to the token endpoint that {@link IdentityDiscovery} found, HTTP Basic with the form-urlencoded
 * id and secret (section 2.3.1), {@code grant_type=client_credentials&scope=<scope>} with the scope
 * it chose. The secret and the token pass through {@code String}s only where HTTP headers require
 * it.
 */
final class TokenFetcher {
  private static final int MAX_ANSWER = 64 * 1024;
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,16384}");
  private static final Pattern ERROR = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final long MAX_EXPIRES_IN = Duration.ofDays(1).toSeconds();

  /** A granted token; {@code expiresIn} is null when the server did not say. */
  record Grant(String accessToken, Duration expiresIn) {
    @Override
    public String toString() {
      return "Grant[expiresIn=" + expiresIn + "]";
    }
  }

  private final Transports transports;
  private final IdentityDiscovery discovery;

  TokenFetcher(Transports transports, IdentityDiscovery discovery) {
    this.transports = transports;
    this.discovery = discovery;
  }

  Grant fetch(OAuthClient client) {
    IdentityDiscovery.Target target = discovery.target(client);
    Outbound request =
        Outbound.to(target.tokenEndpoint())
            .header("Authorization", basic(client))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .method(
                "POST",
                ("grant_type=client_credentials&scope=" + form(target.scope())).getBytes(UTF_8));
    Transport.Answer answer;
    try {
      Transports.Route route =
          transports.route(
              Transports.Peer.IDENTITY, target.tokenEndpoint(), client.identityCaBundle());
      answer = transports.send(route, request, MAX_ANSWER);
    } catch (TransportFailure failure) {
      throw IdentityErrors.transport(client, target.tokenEndpoint(), IdentityErrors.TOKEN, failure);
    }
    try {
      if (answer.status() != 200) {
        throw refusal(client, target.scope(), answer);
      }
      return grant(AnswerJson.tree(answer.body()));
    } catch (AnswerJson.Malformed e) {
      throw IdentityErrors.unavailable(
          client,
          "its token answer is malformed and was not used: " + e.getMessage(),
          "its token answer is malformed and was not used",
          null);
    } finally {
      answer.wipe();
    }
  }

  private static Grant grant(JsonNode n) throws AnswerJson.Malformed {
    String token = AnswerJson.text(n, "access_token");
    if (!TOKEN.matcher(token).matches()) {
      throw new AnswerJson.Malformed("field 'access_token' must be 1 to 16384 visible characters");
    }
    if (!"bearer".equalsIgnoreCase(AnswerJson.text(n, "token_type"))) {
      throw new AnswerJson.Malformed("field 'token_type' must be Bearer");
    }
    JsonNode expiresIn = n.get("expires_in");
    if (expiresIn == null || expiresIn.isNull()) {
      return new Grant(token, null);
    }
    if (!expiresIn.canConvertToLong()
        || !expiresIn.isIntegralNumber()
        || expiresIn.longValue() < 1
        || expiresIn.longValue() > MAX_EXPIRES_IN) {
      throw new AnswerJson.Malformed("field 'expires_in' must be 1 to 86400 seconds");
    }
    return new Grant(token, Duration.ofSeconds(expiresIn.longValue()));
  }

  private static IdentityFailure refusal(
      OAuthClient client, String scope, Transport.Answer answer) {
    int status = answer.status();
    String error = null;
    String description = "";
    try {
      JsonNode n = AnswerJson.tree(answer.body());
      String code = n.path("error").asText("");
      error = ERROR.matcher(code).matches() ? code : null;
      description = EkmErrors.clean(n.path("error_description").asText(""));
    } catch (AnswerJson.Malformed e) {
      // no OAuth error body: the status speaks alone
    }
    if (status == 400 || status == 401 || status == 403) {
      return IdentityErrors.rejected(
          client,
          scope,
          status,
          error == null && status == 401 ? "invalid_client" : error,
          description);
    }
    String said = error == null ? "" : " (" + error + ": " + description + ")";
    String what =
        (status >= 500 ? "it failed with HTTP " : "it answered unexpected HTTP status ") + status;
    return IdentityErrors.unavailable(
        client, what + said, what + (error == null ? "" : " (" + error + ")"), error);
  }

  private static String basic(OAuthClient client) {
    String secret = client.clientAppSecret().reveal(bytes -> form(new String(bytes, UTF_8)));
    String pair = form(client.clientAppId()) + ":" + secret;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(UTF_8));
  }

  private static String form(String value) {
    return URLEncoder.encode(value, UTF_8);
  }
}
