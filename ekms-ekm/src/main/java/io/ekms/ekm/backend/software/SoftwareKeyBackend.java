package io.ekms.ekm.backend.software;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.Wipe;
import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.backend.KeyUnusableException;
import io.ekms.ekm.domain.KeyHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys held in the EKM's database, each sealed with AES-256-GCM under the {@link MasterKey}. The
 * plain key exists only in memory for the duration of one operation and is wiped after it.
 *
 * <p>Sealed handle, Base64 of: {@code 0x01 (format) || iv (12) || AES-GCM(master, key) || tag
 * (16)}, with associated data {@code "ekms-sw-v1:" + keyVersionId}, so a sealed key cannot be moved
 * to another version's row without failing to open.
 *
 * <p>Destroying a version erases its sealed form when the caller clears the row's handle; this
 * backend also refuses the version id from then on, so a copy of the handle still held by a request
 * in flight (or anywhere else) cannot be used with this backend instance.
 */
public final class SoftwareKeyBackend implements KeyBackend {
  public static final String NAME = "software";
  private static final byte FORMAT = 0x01;
  private static final int MAX_SEALED = 1 + AesGcm.IV_BYTES + 32 + AesGcm.TAG_BYTES;

  private final SecretBytes masterKey;
  private final Set<String> destroyed = ConcurrentHashMap.newKeySet();

  public SoftwareKeyBackend(SecretBytes masterKey) {
    if (masterKey.length() != MasterKey.BYTES) {
      throw new IllegalArgumentException("master key must be 32 bytes");
    }
    this.masterKey = masterKey;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public KeyHandle generate(String keyVersionId, int lengthBits) {
    if (lengthBits != 128 && lengthBits != 192 && lengthBits != 256) {
      throw new IllegalArgumentException("AES key length must be 128, 192 or 256 bits");
    }
    byte[] key = Randoms.bytes(lengthBits / 8);
    byte[] iv = AesGcm.newIv();
    try {
      byte[] sealed = masterKey.reveal(m -> AesGcm.seal(m, iv, key, binding(keyVersionId)));
      ByteBuffer out = ByteBuffer.allocate(1 + iv.length + sealed.length);
      out.put(FORMAT).put(iv).put(sealed);
      return new KeyHandle(NAME, Base64.getEncoder().encodeToString(out.array()));
    } finally {
      Wipe.bytes(key);
    }
  }

  @Override
  public GcmOutput encrypt(
      KeyHandle handle, String keyVersionId, byte[] iv, byte[] plaintext, byte[] aad) {
    if (iv.length != AesGcm.IV_BYTES) {
      throw new IllegalArgumentException("AES-GCM IV must be 12 bytes");
    }
    byte[] key = unseal(handle, keyVersionId);
    try {
      byte[] out = AesGcm.seal(key, iv, plaintext, aad);
      int split = out.length - AesGcm.TAG_BYTES;
      return new GcmOutput(
          Arrays.copyOf(out, split), iv, Arrays.copyOfRange(out, split, out.length));
    } finally {
      Wipe.bytes(key);
    }
  }

  @Override
  public byte[] decrypt(
      KeyHandle handle, String keyVersionId, byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad)
      throws AuthenticationFailedException {
    byte[] key = unseal(handle, keyVersionId);
    byte[] joined = new byte[ciphertext.length + tag.length];
    System.arraycopy(ciphertext, 0, joined, 0, ciphertext.length);
    System.arraycopy(tag, 0, joined, ciphertext.length, tag.length);
    try {
      return AesGcm.open(key, iv, joined, aad);
    } finally {
      Wipe.bytes(key);
    }
  }

  /** The sealed form lives in the version's row; erasing the row's handle destroys the key. */
  @Override
  public void destroy(KeyHandle handle, String keyVersionId) {
    checkOwned(handle);
    destroyed.add(keyVersionId);
  }

  @Override
  public void close() {
    masterKey.close();
  }

  private byte[] unseal(KeyHandle handle, String keyVersionId) {
    checkOwned(handle);
    if (destroyed.contains(keyVersionId)) {
      throw new KeyUnusableException("key version was destroyed");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(handle.reference());
    } catch (IllegalArgumentException e) {
      throw new KeyUnusableException("sealed key is damaged");
    }
    if (raw.length < 1 + AesGcm.IV_BYTES + 16 + AesGcm.TAG_BYTES
        || raw.length > MAX_SEALED
        || raw[0] != FORMAT) {
      throw new KeyUnusableException("sealed key is damaged");
    }
    byte[] iv = Arrays.copyOfRange(raw, 1, 1 + AesGcm.IV_BYTES);
    byte[] body = Arrays.copyOfRange(raw, 1 + AesGcm.IV_BYTES, raw.length);
    try {
      return masterKey.reveal(m -> openSealed(m, iv, body, keyVersionId));
    } catch (IllegalStateException e) {
      throw new KeyUnusableException("sealed key does not open under this master key");
    }
  }

  private static byte[] openSealed(byte[] master, byte[] iv, byte[] body, String keyVersionId) {
    try {
      return AesGcm.open(master, iv, body, binding(keyVersionId));
    } catch (AuthenticationFailedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void checkOwned(KeyHandle handle) {
    if (!NAME.equals(handle.backend())) {
      throw new IllegalArgumentException("handle belongs to backend " + handle.backend());
    }
  }

  private static byte[] binding(String keyVersionId) {
    return ("ekms-sw-v1:" + keyVersionId).getBytes(StandardCharsets.UTF_8);
  }
}
