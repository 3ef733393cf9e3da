package io.ekms.ekm.backend.pkcs11;

import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.backend.KeyUnusableException;
import io.ekms.ekm.domain.KeyHandle;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Keys in a PKCS#11 token through the JDK's SunPKCS11 provider. Each key version is an AES key
 * generated inside the token (sensitive, never extractable) and kept as a token object labelled
 * {@code "ekms-" + keyVersionId}; the handle's reference is that label. AES-GCM runs inside the
 * token with the EKM's 12-byte IV and a 16-byte tag.
 *
 * <p>Failures are sorted the way the token means them: bad lengths and tags that do not verify are
 * the caller's ({@link AuthenticationFailedException}, {@link IllegalArgumentException}); a key
 * that the token does not hold is {@link KeyUnusableException}; anything else (a broken session, a
 * stale object handle, the device or library failing) is retried once on a fresh connection, see
 * {@link Reconnector}, and then becomes {@link BackendUnavailableException} with the cause logged.
 */
public final class Pkcs11KeyBackend implements KeyBackend {
  public static final String NAME = "pkcs11";
  private static final String LABEL_PREFIX = "ekms-";

  private final Pkcs11Settings settings;
  private final Reconnector reconnector;
  private final TokenCalls calls;

  /** Connects and logs in; a wrong library, token label or PIN is a {@code Misconfiguration}. */
  public Pkcs11KeyBackend(Pkcs11Settings settings) {
    this.settings = settings;
    try {
      this.reconnector = new Reconnector(settings);
    } catch (RuntimeException e) {
      settings.pin().close();
      throw e;
    }
    this.calls = new TokenCalls(reconnector);
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
    String label = LABEL_PREFIX + keyVersionId;
    calls.run(
        label,
        "generate",
        g -> {
          g.generate(label, lengthBits);
          return null;
        });
    return new KeyHandle(NAME, label);
  }

  @Override
  public GcmOutput encrypt(
      KeyHandle handle, String keyVersionId, byte[] iv, byte[] plaintext, byte[] aad) {
    if (iv.length != AesGcm.IV_BYTES) {
      throw new IllegalArgumentException("AES-GCM IV must be 12 bytes");
    }
    String label = labelOf(handle, keyVersionId);
    byte[] out =
        calls.run(label, "encrypt", g -> crypt(g, label, Cipher.ENCRYPT_MODE, iv, plaintext, aad));
    int split = out.length - AesGcm.TAG_BYTES;
    return new GcmOutput(Arrays.copyOf(out, split), iv, Arrays.copyOfRange(out, split, out.length));
  }

  @Override
  public byte[] decrypt(
      KeyHandle handle, String keyVersionId, byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad)
      throws AuthenticationFailedException {
    String label = labelOf(handle, keyVersionId);
    if (iv.length != AesGcm.IV_BYTES || tag.length != AesGcm.TAG_BYTES) {
      throw new AuthenticationFailedException();
    }
    byte[] joined = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
    System.arraycopy(tag, 0, joined, ciphertext.length, tag.length);
    try {
      return calls.run(
          label, "decrypt", g -> crypt(g, label, Cipher.DECRYPT_MODE, iv, joined, aad));
    } catch (TokenCalls.BadTag e) {
      throw new AuthenticationFailedException();
    }
  }

  @Override
  public void destroy(KeyHandle handle, String keyVersionId) {
    String label = labelOf(handle, keyVersionId);
    calls.run(
        label,
        "destroy",
        g -> {
          g.delete(label);
          return null;
        });
  }

  @Override
  public void close() {
    reconnector.close();
    settings.pin().close();
  }

  private byte[] crypt(Generation g, String label, int mode, byte[] iv, byte[] input, byte[] aad)
      throws Exception {
    SecretKey key = g.key(label, settings);
    if (key == null) {
      if (!g.connection.answers()) {
        throw new IllegalStateException("the token does not answer");
      }
      throw new KeyUnusableException("the token holds no key for this version");
    }
    Cipher cipher = g.borrowCipher();
    try {
      cipher.init(mode, key, new GCMParameterSpec(AesGcm.TAG_BYTES * 8, iv));
    } catch (InvalidAlgorithmParameterException e) {
      // SunPKCS11 refuses to encrypt twice with one key and IV; a repeated IV is the caller's.
      throw new IllegalArgumentException("AES-GCM IV repeated for this key", e);
    }
    if (aad != null && aad.length > 0) {
      cipher.updateAAD(aad);
    }
    try {
      byte[] out = cipher.doFinal(input);
      g.giveBack(cipher);
      return out;
    } catch (AEADBadTagException e) {
      // Some tokens (SoftHSM2) report a wrong tag as CKR_GENERAL_ERROR: trust it only if the
      // token still answers, otherwise it is the device failing.
      if (g.connection.answers()) {
        g.giveBack(cipher);
        throw new TokenCalls.BadTag();
      }
      throw e;
    }
  }

  private static String labelOf(KeyHandle handle, String keyVersionId) {
    if (!NAME.equals(handle.backend())) {
      throw new IllegalArgumentException("handle belongs to backend " + handle.backend());
    }
    if (!handle.reference().equals(LABEL_PREFIX + keyVersionId)) {
      throw new KeyUnusableException("the handle belongs to another key version");
    }
    return handle.reference();
  }
}
