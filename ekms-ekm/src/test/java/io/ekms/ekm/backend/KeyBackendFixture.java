package io.ekms.ekm.backend;

import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.KeyHandle;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the {@link KeyBackend} contracts: a fresh backend per test, closed after it, and helpers
 * that speak only the interface, so every implementation (software, PKCS#11) runs the same tests.
 */
public abstract class KeyBackendFixture {
  protected static final byte[] PLAINTEXT =
      "four score and seven years ago, 48 bytes of it..".getBytes(StandardCharsets.UTF_8);
  protected static final byte[] AAD = "tenant=42;purpose=test".getBytes(StandardCharsets.UTF_8);

  protected KeyBackend backend;

  /** A new backend over a fresh, empty key store. */
  protected abstract KeyBackend newBackend();

  /**
   * A second backend instance over the same key store as the last {@link #newBackend()} (same
   * master key, same token), as after a restart of the EKM.
   */
  protected abstract KeyBackend reopen();

  @BeforeEach
  void openBackend() {
    backend = newBackend();
  }

  @AfterEach
  void closeBackend() {
    backend.close();
  }

  /** A generated key and the version id it was generated for. */
  public record Version(String id, KeyHandle handle) {}

  /** One encryption's output with the AAD it was made with. */
  public record Sealed(byte[] ciphertext, byte[] iv, byte[] tag, byte[] aad) {}

  protected Version generate(int lengthBits) {
    String id = Ids.newKeyVersion();
    return new Version(id, backend.generate(id, lengthBits));
  }

  protected static Sealed encrypt(KeyBackend b, Version v, byte[] plaintext, byte[] aad) {
    GcmOutput out = b.encrypt(v.handle(), v.id(), AesGcm.newIv(), plaintext, aad);
    return new Sealed(out.ciphertext(), out.iv(), out.tag(), aad);
  }

  protected static byte[] decrypt(KeyBackend b, Version v, Sealed s)
      throws AuthenticationFailedException {
    return b.decrypt(v.handle(), v.id(), s.iv(), s.ciphertext(), s.tag(), s.aad());
  }
}
