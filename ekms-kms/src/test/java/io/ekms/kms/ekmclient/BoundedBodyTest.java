package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
  final AtomicBoolean cancelled = new AtomicBoolean();

  HttpResponse.BodySubscriber<byte[]> subscriber(int max, long declaredLength) {
    BoundedBody body = newBody(max, declaredLength);
    body.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {
            cancelled.set(true);
          }
        });
    return body;
  }

  @Test
  void body_growingPastTheFirstGuess_isCollectedWhole() throws Exception {
    var body = subscriber(100_000, 2);
    for (int i = 0; i < 10; i++) {
      body.onNext(List.of(ByteBuffer.wrap(new byte[5000])));
    }
    body.onComplete();

    assertThat(body.getBody().toCompletableFuture().get()).hasSize(50_000);
  }

  @Test
  void body_overTheBound_isRefusedAndTheStreamCancelled() {
    var body = subscriber(10, -1);
    body.onNext(List.of(ByteBuffer.wrap(new byte[6])));
    body.onNext(List.of(ByteBuffer.wrap(new byte[6])));

    assertThatThrownBy(() -> body.getBody().toCompletableFuture().get())
        .hasCauseInstanceOf(BoundedBody.TooLargeException.class);
    assertThat(cancelled).isTrue();
  }

  static BoundedBody newBody(int max, long declaredLength) {
    return (BoundedBody)
        BoundedBody.handler(max)
            .apply(
                new HttpResponse.ResponseInfo() {
                  @Override
                  public int statusCode() {
                    return 200;
                  }

                  @Override
                  public java.net.http.HttpHeaders headers() {
                    return java.net.http.HttpHeaders.of(
                        declaredLength < 0
                            ? java.util.Map.of()
                            : java.util.Map.of(
                                "content-length", List.of(Long.toString(declaredLength))),
                        (a, b) -> true);
                  }

                  @Override
                  public java.net.http.HttpClient.Version version() {
                    return java.net.http.HttpClient.Version.HTTP_1_1;
                  }
                });
  }
}
