package io.ekms.ekm.backend;

import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.ekm.domain.KeyHandle;

/**
 * Where key material lives and where it is used. The EKM only ever holds {@link KeyHandle}s;
 * whether the backend can export keys (software) or not (an HSM) is invisible to callers.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>{@link #generate} creates a fresh AES key of 128, 192 or 256 bits from a strong RNG, inside
 *       the backend; any other length is {@link IllegalArgumentException}.
 *   <li>{@link #encrypt} and {@link #decrypt} are AES-256/192/128-GCM with the caller's 12-byte IV
 *       and a 16-byte tag; every authentication failure is {@link AuthenticationFailedException}.
 *       Encrypting with an IV of another length is {@link IllegalArgumentException} (it would make
 *       a ciphertext that the 12-byte rule of decrypt can never open).
 *   <li>{@link #destroy} erases the key for good; later use of the handle fails with {@link
 *       KeyUnusableException}.
 *   <li>A handle is used with the version id it was generated for; with any other id it fails with
 *       {@link KeyUnusableException}.
 *   <li>Transient failures of the device raise {@link BackendUnavailableException}; bad input never
 *       does.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface KeyBackend extends AutoCloseable {
  /** The backend's name as stored in key handles and shown to admins ("software", "pkcs11"). */
  String name();

  /**
   * Generates an AES key of {@code lengthBits} for key version {@code keyVersionId} (the backend
   * may bind the material to this id).
   */
  KeyHandle generate(String keyVersionId, int lengthBits);

  GcmOutput encrypt(KeyHandle handle, String keyVersionId, byte[] iv, byte[] plaintext, byte[] aad);

  byte[] decrypt(
      KeyHandle handle, String keyVersionId, byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad)
      throws AuthenticationFailedException;

  void destroy(KeyHandle handle, String keyVersionId);

  @Override
  void close();
}
