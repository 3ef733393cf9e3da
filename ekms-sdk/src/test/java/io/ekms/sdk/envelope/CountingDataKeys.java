package io.ekms.sdk.envelope;

import io.ekms.common.secret.SecretBytes;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link LocalDataKeys} that counts generate and unwrap calls, can hold generate until a test
 * releases it (so that concurrent misses overlap) and can be made to fail.
 */
final class CountingDataKeys implements DataKeyProvider {
  final LocalDataKeys kms = LocalDataKeys.random();
  final AtomicInteger generated = new AtomicInteger();
  final AtomicInteger unwrapped = new AtomicInteger();
  volatile CountDownLatch hold;
  volatile RuntimeException failure;

  @Override
  public DataKey generate(KeyReference key, Map<String, String> context) {
    generated.incrementAndGet();
    CountDownLatch release = hold;
    try {
      if (release != null) {
        release.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
    return kms.generate(key, context);
  }

  @Override
  public SecretBytes unwrap(KeyReference key, byte[] wrapped, Map<String, String> context) {
    unwrapped.incrementAndGet();
    return kms.unwrap(key, wrapped, context);
  }
}
