package io.ekms.bench;

import java.security.Provider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The raw SunPKCS11 AES-256-GCM rate on a token, without the EKM: one {@link Cipher} per platform
 * thread, a fresh IV per operation; the baseline of the PKCS#11 scenario.
 */
final class RawPkcs11Gcm {
  private RawPkcs11Gcm() {}

  /** Encryptions per second of {@code plaintextBytes} on {@code threads} threads. */
  static double encryptsPerSecond(
      Provider provider, SecretKey key, int threads, int plaintextBytes, long millis)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<Long>> counts = new ArrayList<>();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        counts.add(pool.submit(() -> loop(provider, key, plaintextBytes, stop)));
      }
      Thread.sleep(millis);
      stop.set(true);
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get();
      }
      return total / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static long loop(Provider provider, SecretKey key, int size, AtomicBoolean stop)
      throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
    SecureRandom random = new SecureRandom();
    byte[] plaintext = new byte[size];
    byte[] iv = new byte[12];
    long n = 0;
    while (!stop.get()) {
      random.nextBytes(iv);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      cipher.doFinal(plaintext);
      n++;
    }
    return n;
  }
}
