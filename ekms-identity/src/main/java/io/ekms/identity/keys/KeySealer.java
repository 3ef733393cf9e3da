package io.ekms.identity.keys;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.Wipe;
import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.core.crypto.KeyFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals signing keys under the identity server's 256-bit master key with AES-256-GCM.
 *
 * <p>Sealed form, Base64 of: {@code 0x01 (format) || iv (12) || AES-GCM(master, PKCS#8 DER of the
 * private key) || tag (16)}, with associated data {@code "ekms-identity-signing-v1:" + kid}, so a
 * sealed key opens only for the row it was made for. Any damage, a wrong master key or a moved row
 * is one {@link SealedKeyException}.
 */
public final class KeySealer implements AutoCloseable {
  private static final byte FORMAT = 0x01;

  /** PKCS#8 of an RSA key up to 4096 bits is under 2.5 KB; anything longer is not ours. */
  private static final int MAX_SEALED = 1 + AesGcm.IV_BYTES + 4096 + AesGcm.TAG_BYTES;

  private final SecretBytes masterKey;

  /** Takes ownership of {@code masterKey}; {@link #close()} wipes it. */
  public KeySealer(SecretBytes masterKey) {
    if (masterKey.length() != KeyFile.BYTES) {
      throw new IllegalArgumentException("master key must be 32 bytes");
    }
    this.masterKey = masterKey;
  }

  public String seal(String kid, RSAPrivateKey key) {
    byte[] pkcs8 = key.getEncoded();
    byte[] iv = AesGcm.newIv();
    try {
      byte[] sealed = masterKey.reveal(m -> AesGcm.seal(m, iv, pkcs8, binding(kid)));
      ByteBuffer out = ByteBuffer.allocate(1 + iv.length + sealed.length);
      out.put(FORMAT).put(iv).put(sealed);
      return Base64.getEncoder().encodeToString(out.array());
    } finally {
      Wipe.bytes(pkcs8);
    }
  }

  /**
   * Opens the sealed private key of {@code kid}.
   *
   * @throws SealedKeyException when it is damaged, moved, or sealed under another master key
   */
  public RSAPrivateKey open(String kid, String sealed) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new SealedKeyException(kid);
    }
    if (raw.length < 1 + AesGcm.IV_BYTES + AesGcm.TAG_BYTES + 1
        || raw.length > MAX_SEALED
        || raw[0] != FORMAT) {
      throw new SealedKeyException(kid);
    }
    byte[] iv = Arrays.copyOfRange(raw, 1, 1 + AesGcm.IV_BYTES);
    byte[] body = Arrays.copyOfRange(raw, 1 + AesGcm.IV_BYTES, raw.length);
    byte[] pkcs8 = masterKey.reveal(m -> openOrNull(m, iv, body, kid));
    if (pkcs8 == null) {
      throw new SealedKeyException(kid);
    }
    try {
      return (RSAPrivateKey)
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new SealedKeyException(kid);
    } finally {
      Wipe.bytes(pkcs8);
    }
  }

  private static byte[] openOrNull(byte[] master, byte[] iv, byte[] body, String kid) {
    try {
      return AesGcm.open(master, iv, body, binding(kid));
    } catch (AuthenticationFailedException e) {
      return null;
    }
  }

  private static byte[] binding(String kid) {
    return ("ekms-identity-signing-v1:" + kid).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    masterKey.close();
  }

  @Override
  public String toString() {
    return "KeySealer[REDACTED]";
  }

  /** A sealed signing key does not open: damaged, moved to another row, or another master key. */
  public static final class SealedKeyException extends RuntimeException {
    SealedKeyException(String kid) {
      super("the sealed signing key " + kid + " does not open under this master key");
    }
  }
}
