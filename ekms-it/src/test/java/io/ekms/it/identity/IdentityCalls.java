package io.ekms.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.admin.client.IdentityAdmin;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.RawHttps.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw HTTPS calls to a {@link LoopbackStack}'s identity server as its tests send them: form posts
 * to the token endpoint, GETs of its public paths and of its admin listener with the admin token.
 */
record IdentityCalls(LoopbackStack stack, RawHttps http) {
  /** The audience the tests' clients are registered for. */
  static final String AUDIENCE = "https://ekm.example.test/";

  static final String FORM = "application/x-www-form-urlencoded";

  static IdentityCalls to(LoopbackStack stack) {
    return new IdentityCalls(stack, RawHttps.at("", stack.caFile()));
  }

  /** A client for {@link #AUDIENCE} with scope {@code oci_ekms}, through the typed admin client. */
  IdentityAdmin.Client createClient(String name) {
    return stack.identityAdmin().createClient(name, List.of(AUDIENCE), List.of("oci_ekms"));
  }

  String adminToken() {
    try {
      return Files.readString(stack.adminTokenFile("identity")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GET on the admin listener with the admin token, answered as it is (/health, /metrics). */
  Answer adminListener(String path) throws Exception {
    return http.send(
        "GET",
        stack.identityAdminUrl() + path,
        Map.of("Authorization", "Bearer " + adminToken()),
        null);
  }

  /** POSTs {@code form} (already encoded) to the token endpoint with {@code headers}. */
  Answer token(String form, Map<String, String> headers) throws Exception {
    Map<String, String> all = new LinkedHashMap<>(Map.of("Content-Type", FORM));
    all.putAll(headers);
    return http.send("POST", stack.identityIssuer() + "/oauth2/v1/token", all, form);
  }

  /** A client_secret_basic request for {@code scope}. */
  Answer basic(IdentityAdmin.Client client, String scope) throws Exception {
    return token(
        "grant_type=client_credentials&scope=" + encode(scope),
        Map.of("Authorization", basicHeader(client.id(), client.secret())));
  }

  /** A client_secret_post request for {@code scope}. */
  Answer post(IdentityAdmin.Client client, String scope) throws Exception {
    return token(
        "grant_type=client_credentials&scope="
            + encode(scope)
            + "&client_id="
            + encode(client.id())
            + "&client_secret="
            + encode(client.secret()),
        Map.of());
  }

  /** A token for {@code client} and {@link #AUDIENCE}, asserting it was issued. */
  String accessToken(IdentityAdmin.Client client) throws Exception {
    Answer a = basic(client, AUDIENCE + "oci_ekms");
    assertThat(a.status()).as(a.text()).isEqualTo(200);
    return a.body().path("access_token").asText();
  }

  /** A GET of a public path (JWKS, discovery, health) on the issuer. */
  Answer get(String path) throws Exception {
    return http.send("GET", stack.identityIssuer() + path, Map.of(), null);
  }

  static String basicHeader(String id, String secret) {
    String pair = encode(id) + ":" + encode(secret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
