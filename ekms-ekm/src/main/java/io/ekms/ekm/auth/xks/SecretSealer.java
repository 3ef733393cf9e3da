package io.ekms.ekm.auth.xks;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals SigV4 secrets under the EKM master key, since verifying a signature needs the secret itself
 * (a hash would not do).
 *
 * <p>Sealed form, Base64 of: {@code 0x01 (format) || iv (12) || AES-GCM(master, secret) || tag
 * (16)}, with associated data {@code "ekms-xks-v1:" + accessKeyId}, so a sealed secret cannot be
 * moved to another credential's row.
 */
public final class SecretSealer {
  private static final byte FORMAT = 0x01;
  private static final int MAX_SEALED = 1 + AesGcm.IV_BYTES + 64 + AesGcm.TAG_BYTES;
  private final SecretBytes masterKey;

  public SecretSealer(SecretBytes masterKey) {
    this.masterKey = masterKey;
  }

  public String seal(String accessKeyId, SecretBytes secret) {
    byte[] iv = AesGcm.newIv();
    byte[] sealed =
        secret.reveal(s -> masterKey.reveal(m -> AesGcm.seal(m, iv, s, binding(accessKeyId))));
    ByteBuffer out = ByteBuffer.allocate(1 + iv.length + sealed.length);
    out.put(FORMAT).put(iv).put(sealed);
    return Base64.getEncoder().encodeToString(out.array());
  }

  /** Opens a sealed secret; a damaged or moved one is an internal error, never a caller's. */
  public SecretBytes open(String accessKeyId, String sealed) {
    byte[] raw = Base64.getDecoder().decode(sealed);
    if (raw.length < 1 + AesGcm.IV_BYTES + AesGcm.TAG_BYTES
        || raw.length > MAX_SEALED
        || raw[0] != FORMAT) {
      throw new IllegalStateException("sealed XKS secret has a bad format");
    }
    byte[] iv = Arrays.copyOfRange(raw, 1, 1 + AesGcm.IV_BYTES);
    byte[] body = Arrays.copyOfRange(raw, 1 + AesGcm.IV_BYTES, raw.length);
    try {
      byte[] plain =
          masterKey.reveal(
              m -> {
                try {
                  return AesGcm.open(m, iv, body, binding(accessKeyId));
                } catch (AuthenticationFailedException e) {
                  throw new IllegalStateException("sealed XKS secret does not open", e);
                }
              });
      return SecretBytes.adopt(plain);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static byte[] binding(String accessKeyId) {
    return ("ekms-xks-v1:" + accessKeyId).getBytes(StandardCharsets.UTF_8);
  }
}
