package io.ekms.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link AnswerOnce} through a real Helidon server: what the caller gets, what metrics record. */
class AnswerOnceTest {
  /** Only a hang reaches this: the route records its result right after answering. */
  private static final long HANG_GUARD_SECONDS = 60;

  private static final Map<String, CompletableFuture<String>> RESULTS = new ConcurrentHashMap<>();
  private static final AtomicInteger ERROR_WRITES = new AtomicInteger();
  private static WebServer server;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .routing(
                r ->
                    r.get("/ok", (req, res) -> answer("ok", res, () -> res.send("fine")))
                        .get(
                            "/fails",
                            (req, res) ->
                                answer(
                                    "fails",
                                    res,
                                    () -> {
                                      throw new IllegalArgumentException("bad input");
                                    }))
                        .get(
                            "/sent-then-fails",
                            (req, res) ->
                                answer(
                                    "sent-then-fails",
                                    res,
                                    () -> {
                                      res.send("first");
                                      throw new IllegalStateException("write failed");
                                    }))
                        .get(
                            "/error-writer-broken",
                            (req, res) ->
                                result("error-writer-broken")
                                    .complete(
                                        AnswerOnce.run(
                                            res,
                                            "req-4",
                                            () -> {
                                              throw new IllegalArgumentException("bad input");
                                            },
                                            e -> {
                                              throw new IllegalStateException("mapper bug");
                                            }))))
            .build()
            .start();
    client = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    client.shutdownNow();
    server.stop();
  }

  private static void answer(String name, ServerResponse res, Runnable work) {
    Function<RuntimeException, String> error =
        e -> {
          ERROR_WRITES.incrementAndGet();
          Responses.error(res, 400, "InvalidParameter", e.getMessage());
          return "InvalidParameter";
        };
    result(name).complete(AnswerOnce.run(res, "req-" + name, work, error));
  }

  /** Where the route named {@code name} records what {@link AnswerOnce#run} returned. */
  private static CompletableFuture<String> result(String name) {
    return RESULTS.computeIfAbsent(name, n -> new CompletableFuture<>());
  }

  /**
   * The result the route recorded. The caller can read the answer before the route has returned, so
   * this waits until the route records it.
   */
  private static String resultOf(String name) throws Exception {
    return result(name).get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void run_workAnswers_recordsOk() throws Exception {
    HttpResponse<String> response = get("/ok");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("fine");
    assertThat(resultOf("ok")).isEqualTo(AnswerOnce.OK);
  }

  @Test
  void run_workFailsBeforeAnswering_writesTheErrorAndRecordsItsCode() throws Exception {
    HttpResponse<String> response = get("/fails");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"code\":\"InvalidParameter\"").contains("bad input");
    assertThat(resultOf("fails")).isEqualTo("InvalidParameter");
  }

  @Test
  void run_workFailsAfterTheAnswerBegan_sendsNothingMoreAndRecordsNotDelivered() throws Exception {
    int errorWritesBefore = ERROR_WRITES.get();
    HttpResponse<String> response = get("/sent-then-fails");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("first");
    assertThat(resultOf("sent-then-fails")).isEqualTo(AnswerOnce.NOT_DELIVERED);
    assertThat(ERROR_WRITES.get()).isEqualTo(errorWritesBefore);
  }

  @Test
  void run_errorWriterFailsBeforeAnswering_rethrowsSoTheServerAnswers500() throws Exception {
    HttpResponse<String> response = get("/error-writer-broken");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(result("error-writer-broken")).isNotDone();
  }
}
