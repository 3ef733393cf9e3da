package io.ekms.bench;

import io.ekms.core.http.ServerTls;
import io.ekms.core.tls.LocalCa;
import io.ekms.core.tls.ServerIdentity;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;

/**
 * The ceiling: the same HTTP stack, TLS set-up and connection handling as ekms's servers, answering
 * an empty JSON object. {@code /one} answers at once (one hop); {@code /two} relays to {@code /one}
 * first, with the HTTPS client the KMS uses for its EKMs ({@link RelayHop}): two hops, like KMS →
 * EKM. Bench use only.
 */
final class CeilingServers implements AutoCloseable {
  final LocalCa ca = LocalCa.create("bench CA");
  private final WebServer server;

  CeilingServers() {
    ServerIdentity identity = ca.issueServer("bench", List.of("localhost"), List.of("127.0.0.1"));
    RelayHop[] hop = new RelayHop[1];
    HttpRouting.Builder routing =
        HttpRouting.builder()
            .post(
                "/one",
                (req, res) -> {
                  req.content().consume();
                  res.header(HeaderValues.CONTENT_TYPE_JSON).send("{}");
                })
            .post(
                "/two",
                (req, res) -> {
                  req.content().consume();
                  try {
                    hop[0].run();
                    res.header(HeaderValues.CONTENT_TYPE_JSON).send("{}");
                  } catch (Exception e) {
                    res.status(502).send();
                  }
                });
    server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .tls(ServerTls.of(identity))
            .routing(routing)
            .build()
            .start();
    hop[0] = new RelayHop(List.of(ca.certificate()), url("/one"));
  }

  String url(String path) {
    return "https://127.0.0.1:" + server.port() + path;
  }

  Operation oneHop() {
    return new HttpsPost(List.of(ca.certificate()), url("/one"), null, "{}", 200);
  }

  Operation twoHops() {
    return new HttpsPost(List.of(ca.certificate()), url("/two"), null, "{}", 200);
  }

  @Override
  public void close() {
    server.stop();
  }
}
