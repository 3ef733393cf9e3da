package io.ekms.ekm.backend;

import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.ekm.domain.KeyHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real backend whose encryptions are counted and can be made to fail as a device that is down.
 */
public final class SwitchableBackend implements KeyBackend {
  private final KeyBackend inner;
  public final AtomicInteger encrypts = new AtomicInteger();
  public volatile boolean down;

  public SwitchableBackend(KeyBackend inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public KeyHandle generate(String keyVersionId, int lengthBits) {
    return inner.generate(keyVersionId, lengthBits);
  }

  @Override
  public GcmOutput encrypt(
      KeyHandle handle, String keyVersionId, byte[] iv, byte[] plaintext, byte[] aad) {
    encrypts.incrementAndGet();
    if (down) {
      throw new BackendUnavailableException("device down", null);
    }
    return inner.encrypt(handle, keyVersionId, iv, plaintext, aad);
  }

  @Override
  public byte[] decrypt(
      KeyHandle handle, String keyVersionId, byte[] iv, byte[] ct, byte[] tag, byte[] aad)
      throws AuthenticationFailedException {
    return inner.decrypt(handle, keyVersionId, iv, ct, tag, aad);
  }

  @Override
  public void destroy(KeyHandle handle, String keyVersionId) {
    inner.destroy(handle, keyVersionId);
  }

  @Override
  public void close() {
    inner.close();
  }
}
