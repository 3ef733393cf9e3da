package io.ekms.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.ekms.core.http.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLDecoder;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OAuth2 client-credentials grant of a {@link TestIssuer} (RFC 6749 section 4.4), the way an
 * OCI identity domain serves it: {@code POST /oauth2/v1/token} with a form body {@code
 * grant_type=client_credentials&scope=<audience>oci_ekms}, the client authenticated by HTTP Basic
 * ({@code client_secret_basic}: id and secret form-urlencoded, then Base64, section 2.3.1). Success
 * is {@code {"access_token","token_type":"Bearer","expires_in"}} with an RS256 token carrying
 * {@code client_id}, {@code sub}, {@code aud} (the client's audience) and {@code scope oci_ekms};
 * errors are section 5.2 bodies ({@code invalid_client} with 401, others with 400).
 */
final class TokenEndpoint {
  static final String PATH = "/oauth2/v1/token";
  private static final String SCOPE = "oci_ekms";

  /** A registered client: its secret, the audience its tokens name, and their lifetime. */
  private record Client(byte[] secret, String audience, Duration lifetime) {}

  private final TestIssuer issuer;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile CountDownLatch hold;

  TokenEndpoint(TestIssuer issuer) {
    this.issuer = issuer;
  }

  void register(String clientId, String secret, String audience, Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("token lifetime must be positive");
    }
    clients.put(clientId, new Client(secret.getBytes(UTF_8), audience, lifetime));
  }

  int requestCount() {
    return requests.get();
  }

  void hold(CountDownLatch release) {
    this.hold = release;
  }

  void handle(ServerRequest request, ServerResponse response) throws InterruptedException {
    requests.incrementAndGet();
    CountDownLatch release = hold;
    if (release != null) {
      release.await();
    }
    String clientId = authenticate(request.headers().first(HeaderNames.AUTHORIZATION).orElse(""));
    if (clientId == null) {
      response.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"ekms test issuer\"");
      error(response, 401, "invalid_client", "Client authentication failed.");
      return;
    }
    Map<String, String> form = form(request);
    Client client = clients.get(clientId);
    if (!"client_credentials".equals(form.get("grant_type"))) {
      error(response, 400, "unsupported_grant_type", "Only client_credentials is supported.");
    } else if (!(client.audience() + SCOPE).equals(form.get("scope"))) {
      error(response, 400, "invalid_scope", "The scope must be the audience followed by oci_ekms.");
    } else {
      String token =
          issuer
              .token()
              .clientId(clientId)
              .subject(clientId)
              .audience(client.audience())
              .scope(SCOPE)
              .expiresIn(client.lifetime())
              .sign();
      Responses.json(
          response,
          200,
          Map.of(
              "access_token",
              token,
              "token_type",
              "Bearer",
              "expires_in",
              client.lifetime().toSeconds()));
    }
  }

  /** The client id when the Basic credentials name a registered client with its secret. */
  private String authenticate(String header) {
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String id = URLDecoder.decode(decoded.substring(0, colon), UTF_8);
    byte[] secret = URLDecoder.decode(decoded.substring(colon + 1), UTF_8).getBytes(UTF_8);
    Client client = clients.get(id);
    return client != null && MessageDigest.isEqual(client.secret(), secret) ? id : null;
  }

  private static Map<String, String> form(ServerRequest request) {
    Map<String, String> out = new HashMap<>();
    for (String pair : request.content().as(String.class).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), UTF_8));
      }
    }
    return out;
  }

  private static void error(ServerResponse response, int status, String code, String text) {
    Responses.json(response, status, Map.of("error", code, "error_description", text));
  }
}
