package io.ekms.core.crypto;

import io.ekms.common.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A check value that proves a master key is the one a store was first opened with, without
 * revealing anything about it: Base64 of {@code iv(12) || AES-GCM(key, constant) || tag}.
 */
public final class KeyCheck {
  private static final byte[] CHECK = "ekms-master-key-check-v1".getBytes(StandardCharsets.UTF_8);

  private KeyCheck() {}

  public static String create(SecretBytes key) {
    byte[] iv = AesGcm.newIv();
    byte[] sealed = key.reveal(k -> AesGcm.seal(k, iv, CHECK, null));
    byte[] joined = Arrays.copyOf(iv, iv.length + sealed.length);
    System.arraycopy(sealed, 0, joined, iv.length, sealed.length);
    return Base64.getEncoder().encodeToString(joined);
  }

  public static boolean matches(SecretBytes key, String stored) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(stored);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (raw.length < AesGcm.IV_BYTES + AesGcm.TAG_BYTES) {
      return false;
    }
    byte[] iv = Arrays.copyOf(raw, AesGcm.IV_BYTES);
    byte[] body = Arrays.copyOfRange(raw, AesGcm.IV_BYTES, raw.length);
    return key.reveal(
        k -> {
          try {
            return Arrays.equals(AesGcm.open(k, iv, body, null), CHECK);
          } catch (AuthenticationFailedException e) {
            return false;
          }
        });
  }
}
