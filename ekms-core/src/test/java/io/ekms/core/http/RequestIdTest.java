package io.ekms.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RequestId#bind} through a real Helidon server whose one route answers the bound id. */
class RequestIdTest {
  private static final String GENERATED = "[0-9A-F]{32}";
  private static WebServer server;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .routing(r -> r.get("/", (req, res) -> res.send(RequestId.bind(req, res))))
            .build()
            .start();
    client = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    client.shutdownNow();
    server.stop();
  }

  /** The id the route saw; asserts the response header carries the same one. */
  private static String roundTrip(String requestId) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"));
    if (requestId != null) {
      request.header("opc-request-id", requestId);
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("opc-request-id")).containsExactly(response.body());
    return response.body();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a", "REQ-1", "kms.1:ocid1/vault_x-y", "0123456789ABCDEF0123456789ABCDEF"})
  void bind_validId_isEchoed(String id) throws Exception {
    assertThat(roundTrip(id)).isEqualTo(id);
  }

  @Test
  void bind_idOf98Characters_isEchoed() throws Exception {
    String longest = "r".repeat(98);
    assertThat(roundTrip(longest)).isEqualTo(longest);
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "a;b", "a,b", "<script>", "a\"b", "a%0D%0ASet-Cookie:x", ""})
  void bind_invalidId_isReplacedWithGenerated(String id) throws Exception {
    assertThat(roundTrip(id)).matches(GENERATED);
  }

  @Test
  void bind_idOf99Characters_isReplaced() throws Exception {
    assertThat(roundTrip("r".repeat(99))).matches(GENERATED);
  }

  @Test
  void bind_noHeader_generatesFreshIdPerRequest() throws Exception {
    String first = roundTrip(null);
    assertThat(first).matches(GENERATED);
    assertThat(roundTrip(null)).matches(GENERATED).isNotEqualTo(first);
  }

  @Test
  void isValid_boundsAndAlphabet() {
    assertThat(RequestId.isValid("A-z_0.9:/")).isTrue();
    assertThat(RequestId.isValid("")).isFalse();
    assertThat(RequestId.isValid("x".repeat(99))).isFalse();
    assertThat(RequestId.isValid("line\nbreak")).isFalse();
    assertThat(RequestId.isValid("caf\u00e9")).isFalse();
  }

  @Test
  void generate_isValidUpperCaseHex() {
    String id = RequestId.generate();
    assertThat(id).matches(GENERATED);
    assertThat(RequestId.isValid(id)).isTrue();
  }
}
