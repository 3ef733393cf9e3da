package io.ekms.kms.service;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals each vault's OAuth client secret under the KMS master key before it reaches the store:
 * Base64 of {@code 0x01 || iv(12) || AES-256-GCM(secret) || tag}, AAD {@code "ekms-kms-secret-v1:"
 * + vaultId}, so a sealed secret cannot be moved to another vault.
 */
public final class SecretSealer implements AutoCloseable {
  private final SecretBytes masterKey;

  public SecretSealer(SecretBytes masterKey) {
    if (masterKey.length() != 32) {
      throw new IllegalArgumentException("the KMS master key must be 32 bytes");
    }
    this.masterKey = masterKey;
  }

  public String seal(String vaultId, SecretBytes secret) {
    byte[] iv = AesGcm.newIv();
    byte[] sealed = masterKey.reveal(k -> secret.reveal(s -> AesGcm.seal(k, iv, s, aad(vaultId))));
    return Base64.getEncoder()
        .encodeToString(
            ByteBuffer.allocate(1 + iv.length + sealed.length)
                .put((byte) 1)
                .put(iv)
                .put(sealed)
                .array());
  }

  public SecretBytes open(String vaultId, String sealed) {
    byte[] raw = Base64.getDecoder().decode(sealed);
    if (raw.length < 1 + AesGcm.IV_BYTES + AesGcm.TAG_BYTES || raw[0] != 1) {
      throw new IllegalStateException("sealed client secret of vault " + vaultId + " is damaged");
    }
    byte[] iv = Arrays.copyOfRange(raw, 1, 1 + AesGcm.IV_BYTES);
    byte[] body = Arrays.copyOfRange(raw, 1 + AesGcm.IV_BYTES, raw.length);
    return SecretBytes.adopt(
        masterKey.reveal(
            k -> {
              try {
                return AesGcm.open(k, iv, body, aad(vaultId));
              } catch (AuthenticationFailedException e) {
                throw new IllegalStateException(
                    "sealed client secret of vault "
                        + vaultId
                        + " does not open under this KMS master key");
              }
            }));
  }

  @Override
  public void close() {
    masterKey.close();
  }

  private static byte[] aad(String vaultId) {
    return ("ekms-kms-secret-v1:" + vaultId).getBytes(StandardCharsets.UTF_8);
  }
}
