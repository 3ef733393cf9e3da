package io.ekms.ekm.store;

import io.ekms.common.secret.SecretBytes;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.backend.software.SoftwareKeyBackend;
import io.ekms.ekm.domain.KeyHandle;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The software backend, with generate held (when {@link #barrier} is set) until as many rotations
 * as the barrier's parties reach it, so they meet in the store; counts destroyed versions.
 */
final class RendezvousBackend implements KeyBackend {
  private final SoftwareKeyBackend delegate =
      new SoftwareKeyBackend(SecretBytes.adopt(new byte[32]));
  final AtomicInteger destroyed = new AtomicInteger();
  volatile CyclicBarrier barrier;

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public KeyHandle generate(String keyVersionId, int lengthBits) {
    CyclicBarrier b = barrier;
    if (b != null) {
      try {
        b.await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("rotations did not meet", e);
      }
    }
    return delegate.generate(keyVersionId, lengthBits);
  }

  @Override
  public GcmOutput encrypt(KeyHandle h, String id, byte[] iv, byte[] plaintext, byte[] aad) {
    return delegate.encrypt(h, id, iv, plaintext, aad);
  }

  @Override
  public byte[] decrypt(KeyHandle h, String id, byte[] iv, byte[] ct, byte[] tag, byte[] aad)
      throws io.ekms.core.crypto.AuthenticationFailedException {
    return delegate.decrypt(h, id, iv, ct, tag, aad);
  }

  @Override
  public void destroy(KeyHandle handle, String keyVersionId) {
    destroyed.incrementAndGet();
    delegate.destroy(handle, keyVersionId);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
