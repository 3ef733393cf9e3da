package io.ekms.kms.ekmclient;

import io.ekms.common.secret.Wipe;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into one array the caller owns, refusing more than a bound before
 * allocating for it (a hostile peer cannot make the KMS buffer an endless answer). Arrays left
 * behind when the buffer grows, or when the body is refused, are wiped: answers carry plaintext.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  private static final int INITIAL = 4096;

  private final int max;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private byte[] buffer;
  private int size;

  private BoundedBody(int max, long declaredLength) {
    this.max = max;
    this.buffer = new byte[(int) Math.max(0, Math.min(declaredLength, max))];
  }

  /** A handler whose bodies hold at most {@code max} bytes. */
  static HttpResponse.BodyHandler<byte[]> handler(int max) {
    return info ->
        new BoundedBody(max, info.headers().firstValueAsLong("content-length").orElse(INITIAL));
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      int n = item.remaining();
      if (n > max - size) {
        subscription.cancel();
        fail(new TooLargeException(max));
        return;
      }
      ensure(size + n);
      item.get(buffer, size, n);
      size += n;
    }
  }

  @Override
  public void onError(Throwable error) {
    fail(error);
  }

  @Override
  public void onComplete() {
    byte[] body = buffer;
    if (size != buffer.length) {
      body = Arrays.copyOf(buffer, size);
      Wipe.bytes(buffer);
    }
    buffer = null;
    result.complete(body);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  private void ensure(int needed) {
    if (needed > buffer.length) {
      int grown = (int) Math.min(max, Math.max(needed, Math.max(INITIAL, 2L * buffer.length)));
      byte[] bigger = Arrays.copyOf(buffer, grown);
      Wipe.bytes(buffer);
      buffer = bigger;
    }
  }

  private void fail(Throwable error) {
    if (buffer != null) {
      Wipe.bytes(buffer);
      buffer = null;
    }
    result.completeExceptionally(error);
  }

  /** The peer sent a larger body than the bound. */
  static final class TooLargeException extends IOException {
    TooLargeException(int max) {
      super("the answer is larger than " + max + " bytes");
    }
  }
}
