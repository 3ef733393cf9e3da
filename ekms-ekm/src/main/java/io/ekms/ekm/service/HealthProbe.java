package io.ekms.ekm.service;

import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.domain.KeyHandle;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The deep health check: a real encrypt and decrypt with an internal test key in the default
 * backend. A result is reused for up to {@link #MAX_AGE_NANOS} (5 s), so frequent health calls
 * (AWS's XKS health, load balancers, {@code /health}) do not load the backend, while a backend that
 * fails is reported within seconds.
 */
public final class HealthProbe {
  static final long MAX_AGE_NANOS = 5_000_000_000L;
  private static final Logger LOG = System.getLogger(HealthProbe.class.getName());
  private static final String PROBE_VERSION = "xks-health-probe";
  private final KeyBackend backend;
  private final KeyHandle key;
  private final LongSupplier ticker;
  private volatile Result last;

  private record Result(boolean healthy, long at) {}

  public HealthProbe(KeyBackend backend) {
    this(backend, System::nanoTime);
  }

  /** With results aged on {@code ticker} (nanoseconds; tests move it). */
  public HealthProbe(KeyBackend backend, LongSupplier ticker) {
    this.backend = backend;
    this.ticker = ticker;
    this.key = backend.generate(PROBE_VERSION, 256);
  }

  /** {@code ACTIVE} when the backend answered correctly, else {@code UNAVAILABLE}. */
  public String status() {
    return healthy() ? "ACTIVE" : "UNAVAILABLE";
  }

  /** Whether the backend answered correctly, at most {@link #MAX_AGE_NANOS} ago. */
  public boolean healthy() {
    Result r = last;
    if (r == null || ticker.getAsLong() - r.at() > MAX_AGE_NANOS) {
      r = new Result(probe(), ticker.getAsLong());
      last = r;
    }
    return r.healthy();
  }

  private boolean probe() {
    byte[] plaintext = Randoms.bytes(32);
    try {
      GcmOutput out = backend.encrypt(key, PROBE_VERSION, AesGcm.newIv(), plaintext, null);
      byte[] back =
          backend.decrypt(key, PROBE_VERSION, out.iv(), out.ciphertext(), out.tag(), null);
      return Arrays.equals(back, plaintext);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "XKS health probe failed on backend " + backend.name(), e);
      return false;
    }
  }
}
