package io.ekms.kms.ekmclient;

/**
 * The EKM's answer to Encrypt (AES-GCM), checked: a 12-byte IV, a 16-byte tag, a ciphertext as long
 * as the plaintext, made by the key asked for (and the version asked for, if one was).
 *
 * <p>The arrays belong to the caller (none is secret); like any record with array components,
 * equality is by array identity. {@link #toString()} gives lengths only.
 */
public record EncryptResult(
    byte[] ciphertext, byte[] iv, byte[] tag, String keyId, String keyVersionId) {
  public static final int IV_LENGTH = 12;
  public static final int TAG_LENGTH = 16;

  public EncryptResult {
    if (ciphertext == null || ciphertext.length == 0) {
      throw new IllegalArgumentException("ciphertext is required");
    }
    if (iv == null || iv.length != IV_LENGTH) {
      throw new IllegalArgumentException("iv must be 12 bytes");
    }
    if (tag == null || tag.length != TAG_LENGTH) {
      throw new IllegalArgumentException("tag must be 16 bytes");
    }
    keyId = Ids.id("keyId", keyId);
    keyVersionId = Ids.id("keyVersionId", keyVersionId);
  }

  @Override
  public String toString() {
    return "EncryptResult[keyId="
        + keyId
        + ", keyVersionId="
        + keyVersionId
        + ", ciphertext="
        + ciphertext.length
        + " bytes]";
  }
}
