package io.ekms.ekm.backend.pkcs11;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The raw SunPKCS11 AES-256-GCM rate against the test token, without the EKM: one {@link Cipher}
 * per platform thread, fresh IV per operation, for the benchmark's baseline.
 */
public final class RawGcm {
  private RawGcm() {}

  /** Encryptions per second of {@code plaintextBytes} on {@code threads} threads. */
  public static double encryptsPerSecond(int threads, int plaintextBytes, long millis)
      throws Exception {
    TokenConnection token = TokenConnection.open(SoftHsm.settings(), SoftHsm.LIBRARY);
    KeyGenerator generator = KeyGenerator.getInstance("AES", token.provider);
    generator.init(256);
    SecretKey key = generator.generateKey();
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<Long>> counts = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        counts.add(pool.submit(() -> loop(token, key, plaintextBytes, stop)));
      }
      Thread.sleep(millis);
      stop.set(true);
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get();
      }
      return total * 1000.0 / millis;
    }
  }

  private static long loop(TokenConnection token, SecretKey key, int size, AtomicBoolean stop)
      throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", token.provider);
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
