package io.ekms.kms.ekmclient;

import io.ekms.core.http.ServerTls;
import io.ekms.core.tls.LocalCa;
import io.ekms.core.tls.ServerIdentity;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * A tiny HTTPS server that plays a misbehaving EKM: it answers each request with the next scripted
 * reply (status, body, and a latch it may wait on first), or when the script is empty with its
 * {@link #otherwise} answer (200 {@code {}} by default), and records what it received. Its
 * certificate comes from its own CA, issued for the names given.
 */
final class ScriptedEkm implements AutoCloseable {
  /** One scripted answer, sent once {@code release} is open (null: at once). */
  record Reply(int status, String body, CountDownLatch release) {
    static Reply of(int status, String body) {
      return new Reply(status, body, null);
    }

    /** 200 {@code {}}, held back until the test opens {@code release}. */
    static Reply heldUntil(CountDownLatch release) {
      return new Reply(200, "{}", release);
    }
  }

  /** What one request carried. */
  record Seen(String method, String path, String authorization, String requestId, String body) {}

  final LocalCa ca;
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
  private final WebServer server;
  private volatile Reply otherwise = Reply.of(200, "{}");

  /** A server whose certificate names 127.0.0.1 and localhost. */
  ScriptedEkm() {
    this(List.of("localhost"), List.of("127.0.0.1"));
  }

  ScriptedEkm(List<String> dnsNames, List<String> ips) {
    this(LocalCa.create("scripted EKM CA"), dnsNames, ips);
  }

  /** A server whose certificate, naming 127.0.0.1 and localhost, is issued by {@code ca}. */
  ScriptedEkm(LocalCa ca) {
    this(ca, List.of("localhost"), List.of("127.0.0.1"));
  }

  private ScriptedEkm(LocalCa ca, List<String> dnsNames, List<String> ips) {
    this.ca = ca;
    ServerIdentity identity = ca.issueServer("scripted-ekm", dnsNames, ips);
    server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .tls(ServerTls.of(identity))
            .routing(r -> r.any(this::handle))
            .build()
            .start();
  }

  int port() {
    return server.port();
  }

  String vaultUrl() {
    return "https://127.0.0.1:" + server.port() + "/oci/ekm/v1/vaults/vlt-scripted";
  }

  String caPem() {
    return ca.certificatePem();
  }

  ScriptedEkm then(int status, String body) {
    script.add(Reply.of(status, body));
    return this;
  }

  /** The answer once the script is used up (200 {@code {}} unless set). */
  ScriptedEkm otherwise(int status, String body) {
    otherwise = Reply.of(status, body);
    return this;
  }

  ScriptedEkm then(Reply reply) {
    script.add(reply);
    return this;
  }

  /** Forgets what was received so far. */
  void forgetSeen() {
    seen.clear();
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  private void handle(ServerRequest request, ServerResponse response) {
    String body = request.content().hasEntity() ? request.content().as(String.class) : "";
    seen.add(
        new Seen(
            request.prologue().method().text(),
            request.path().path(),
            request.headers().first(HeaderNames.AUTHORIZATION).orElse(null),
            request.headers().first(HeaderNames.create("opc-request-id")).orElse(null),
            body));
    Reply reply = script.poll();
    if (reply == null) {
      reply = otherwise;
    }
    try {
      if (reply.release() != null) {
        reply.release().await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping; the client has given up
      return;
    }
    response.status(Status.create(reply.status()));
    response.header(HeaderNames.CONTENT_TYPE, "application/json");
    response.send(reply.body().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop();
  }
}
