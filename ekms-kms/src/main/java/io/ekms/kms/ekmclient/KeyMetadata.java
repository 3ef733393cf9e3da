package io.ekms.kms.ekmclient;

import java.util.Set;

/**
 * The EKM's answer to GetKeyMetadata, checked: the key asked for, an AES key of 128, 192 or 256
 * bits.
 *
 * @param lengthBits the key length in bits, as the EKM API gives it (the KMS API speaks bytes)
 */
public record KeyMetadata(
    String keyId,
    String currentKeyVersionId,
    String algorithm,
    int lengthBits,
    State state,
    Set<KeyOp> keyOps) {
  /** Key states of the EKM API. */
  public enum State {
    ACTIVE,
    DISABLED,
    DELETED
  }

  public KeyMetadata {
    keyId = Ids.id("keyId", keyId);
    currentKeyVersionId = Ids.id("currentKeyVersionId", currentKeyVersionId);
    if (!"AES".equals(algorithm)) {
      throw new IllegalArgumentException("keyShape.algorithm must be AES");
    }
    if (lengthBits != 128 && lengthBits != 192 && lengthBits != 256) {
      throw new IllegalArgumentException("keyShape.length must be 128, 192 or 256 bits");
    }
    if (state == null || keyOps == null) {
      throw new IllegalArgumentException("state and keyOps are required");
    }
    keyOps = Set.copyOf(keyOps);
  }
}
