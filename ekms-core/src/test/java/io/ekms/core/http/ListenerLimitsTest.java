package io.ekms.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.tls.TrustBundle;
import io.ekms.core.tls.LocalCa;
import io.ekms.core.tls.ServerIdentity;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ListenerLimits} on a real HTTPS server started by {@link HttpsServers}. */
class ListenerLimitsTest {
  /** Guards a client read against a server that never answers; a hang fails the test. */
  private static final int HANG_GUARD_MILLIS = 30_000;

  private static ServerIdentity identity;
  private static SSLContext client;
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private WebServer server;

  @BeforeAll
  static void ca() {
    LocalCa ca = LocalCa.create("limits-test");
    identity = ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1"));
    client = TrustBundle.sslContext(List.of(ca.certificate()));
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.stop();
    }
  }

  private int start(ListenerLimits limits) {
    HttpRouting.Builder api =
        HttpRouting.builder()
            .get("/ok", (req, res) -> res.send("ok"))
            .post("/echo", (req, res) -> res.send("got " + Bodies.read(req, 1024).length))
            .get(
                "/block",
                (req, res) -> {
                  entered.countDown();
                  release.await();
                  res.send("released");
                });
    Listener loopback = new Listener("127.0.0.1", 0);
    server =
        HttpsServers.builder(
                loopback, api, loopback, HttpRouting.builder(), ServerTls.of(identity), limits)
            .build()
            .start();
    return server.port();
  }

  private static ListenerLimits limits(
      int connections, int requests, int readTimeoutSeconds, int idleTimeoutSeconds) {
    return new ListenerLimits(
        connections, requests, 256, 1024, readTimeoutSeconds, idleTimeoutSeconds);
  }

  @Test
  void maxConnections_extraConnectionIsNotServedUntilOneCloses() throws Exception {
    int port = start(limits(2, 10, 60, 60));
    SSLSocket first = open(port);
    SSLSocket second = open(port);
    assertThat(get(first, "/ok")).startsWith("HTTP/1.1 200");
    assertThat(get(second, "/ok")).startsWith("HTTP/1.1 200");

    CompletableFuture<SSLSocket> third = CompletableFuture.supplyAsync(() -> openUnchecked(port));
    // Seen, not timed: the server takes a connection off the kernel's accept queue only when a slot
    // is free, so the extra one waits there, its handshake unanswered. (Without the limit it is
    // accepted at once, the queue never holds it, and the wait below fails at the hang guard.)
    awaitAcceptQueue(port, 1);
    assertThat(third).isNotDone();

    first.close();
    SSLSocket served = third.get(HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS);
    assertThat(AcceptQueue.length(port)).isZero();
    assertThat(get(served, "/ok")).startsWith("HTTP/1.1 200");
  }

  @Test
  void maxConcurrentRequests_extraRequestIs503() throws Exception {
    int port = start(limits(10, 1, 60, 60));
    SSLSocket busy = open(port);
    send(busy, "GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
    entered.await();

    assertThat(get(open(port), "/ok")).startsWith("HTTP/1.1 503");

    release.countDown();
    assertThat(response(busy)).startsWith("HTTP/1.1 200").endsWith("released");
  }

  @Test
  void oversizedRequestLineOrHeaders_are4xxNot500() throws Exception {
    int port = start(limits(10, 10, 60, 60));
    String longHeader = "X-Filler: " + "a".repeat(2000) + "\r\n";
    SSLSocket headers = open(port);
    send(headers, "GET /ok HTTP/1.1\r\nHost: x\r\n" + longHeader + "\r\n");
    assertThat(response(headers)).startsWith("HTTP/1.1 400");
    SSLSocket line = open(port);
    send(line, "GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(response(line)).startsWith("HTTP/1.1 414");
  }

  @Test
  void idleConnection_afterARequest_isClosedByTheServer() throws Exception {
    int port = start(limits(10, 10, 60, 1));
    SSLSocket idle = open(port);
    assertThat(get(idle, "/ok")).startsWith("HTTP/1.1 200");
    assertThat(idle.getInputStream().read()).isEqualTo(-1);
  }

  @Test
  void silentConnection_plainTcpOrAfterTheHandshake_isClosedAtTheReadTimeout() throws Exception {
    int port = start(limits(10, 10, 1, 60));
    try (Socket tcp = new Socket("127.0.0.1", port)) {
      tcp.setSoTimeout(HANG_GUARD_MILLIS);
      assertThat(readUntilClosed(tcp)).isTrue();
    }
    SSLSocket handshaken = open(port);
    assertThat(readUntilClosed(handshaken)).isTrue();
  }

  @Test
  void slowHeadersOrBody_connectionIsClosedAtTheReadTimeout() throws Exception {
    int port = start(limits(10, 10, 1, 60));
    SSLSocket partialHeaders = open(port);
    send(partialHeaders, "GET /ok HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    assertThat(readUntilClosed(partialHeaders)).isTrue();

    SSLSocket partialBody = open(port);
    send(partialBody, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    assertThat(readUntilClosed(partialBody)).isTrue();

    SSLSocket complete = open(port);
    send(complete, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
    assertThat(response(complete)).startsWith("HTTP/1.1 200").endsWith("got 3");
  }

  @Test
  void constructor_outOfRange_namesTheSetting() {
    assertThatThrownBy(() -> new ListenerLimits(0, null, null, null, null, null))
        .hasMessage("limits.maxConnections must be 1 to 1000000");
    assertThat(ListenerLimits.defaults())
        .isEqualTo(new ListenerLimits(1000, 256, 4096, 16_384, 10, 60));
  }

  /** Returns once {@code length} connections wait in the accept queue; only a hang fails it. */
  private static void awaitAcceptQueue(int port, int length) throws Exception {
    long guard = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANG_GUARD_MILLIS);
    while (AcceptQueue.length(port) != length) {
      if (System.nanoTime() - guard > 0) {
        throw new AssertionError(
            "hung: the accept queue of port " + port + " never held " + length + " connections");
      }
      Thread.sleep(10);
    }
  }

  private static SSLSocket open(int port) throws IOException {
    SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout(HANG_GUARD_MILLIS);
    socket.startHandshake();
    return socket;
  }

  private static SSLSocket openUnchecked(int port) {
    try {
      return open(port);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  private static String get(Socket socket, String path) throws IOException {
    send(socket, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    return response(socket);
  }

  /** One response: status line, headers and a Content-Length body, as text. */
  private static String response(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }

  /** True once the server has closed the connection (end of stream or a reset). */
  private static boolean readUntilClosed(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() == -1;
    } catch (java.net.SocketException e) {
      return true;
    }
  }
}
