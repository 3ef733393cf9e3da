package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.ekmclient.TransportFailure.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * A peer that sends its answer a header line at a time, each well within the read timeout: the
 * whole answer is still held to the read timeout (plus grace), and ends as timed out.
 */
class TransportAnswerDeadlineTest {
  static final EkmClientConfig ONE_SECOND =
      new EkmClientConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), null);

  @Test
  void send_answerTricklingPastTheReadTimeout_endsTimedOut() throws Exception {
    RawTlsPeer peer = new RawTlsPeer("trickle");
    try (SSLServerSocket server = peer.server;
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        Transport transport = peer.transport(ONE_SECOND, executor)) {
      Thread.ofVirtual().start(() -> trickle(server));
      URI url = URI.create(peer.url("/metadata"));

      // The KMS's calls run on virtual threads; so does this one.
      Future<TransportFailure> failed =
          executor.submit(
              () -> {
                try {
                  transport.send(Outbound.to(url).get(), 1024, false);
                  return null;
                } catch (TransportFailure f) {
                  return f;
                }
              });

      TransportFailure failure = failed.get();
      assertThat(failure).isNotNull();
      assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.TIMED_OUT);
      assertThat(failure.detail()).isEqualTo("no complete answer within 1000 ms");
    }
  }

  /** Reads one request head, then sends a header line every 100 ms until the client goes. */
  private static void trickle(SSLServerSocket server) {
    try (SSLSocket socket = (SSLSocket) server.accept()) {
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        // the request head
      }
      OutputStream out = socket.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
      while (true) {
        out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(100); // the peer's pace, well inside each read's timeout
      }
    } catch (IOException | InterruptedException e) {
      // the client closed the connection: what the test waits for
    }
  }
}
