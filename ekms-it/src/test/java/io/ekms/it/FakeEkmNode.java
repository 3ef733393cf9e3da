package io.ekms.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ekms.core.http.ServerTls;
import io.ekms.core.tls.LocalCa;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second "node" of an EKM on loopback HTTPS, with a certificate from its own CA: it either
 * answers every request with one error status, or plays a node that would serve anything (every
 * Encrypt answered with a well-formed result of the right length), and counts what it received.
 */
final class FakeEkmNode implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  final LocalCa ca = LocalCa.create("fake EKM node CA");
  final AtomicInteger requests = new AtomicInteger();
  private final int status;
  private final WebServer server;

  /** {@code status}: 503 and the like to fail every request, 200 to serve every Encrypt. */
  FakeEkmNode(int status) {
    this.status = status;
    server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .tls(
                ServerTls.of(
                    ca.issueServer("fake-ekm", List.of("localhost"), List.of("127.0.0.1"))))
            .routing(r -> r.any(this::handle))
            .build()
            .start();
  }

  int port() {
    return server.port();
  }

  private void handle(ServerRequest request, ServerResponse response) throws Exception {
    requests.incrementAndGet();
    String body = "{\"code\":\"InternalServerError\",\"message\":\"node failing\"}";
    if (status == 200) {
      JsonNode in = JSON.readTree(request.content().as(String.class));
      int length = Base64.getDecoder().decode(in.path("plaintext").asText()).length;
      String[] path = request.path().path().split("/");
      body =
          JSON.writeValueAsString(
              java.util.Map.of(
                  "ciphertext", Base64.getEncoder().encodeToString(new byte[length]),
                  "iv", Base64.getEncoder().encodeToString(new byte[12]),
                  "tag", Base64.getEncoder().encodeToString(new byte[16]),
                  "keyId", path[path.length - 2],
                  "keyVersionId", in.path("keyVersionId").asText("kv-fake"),
                  "mode", "AES_GCM"));
    }
    response.status(Status.create(status));
    response.header(HeaderNames.CONTENT_TYPE, "application/json");
    response.send(body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop();
  }
}
