package io.ekms.kms.ekmclient;

import java.util.Set;

/** The EKM's answer to GetKeyVersionMetadata, checked to be about the version asked for. */
public record KeyVersionMetadata(
    String keyId, String keyVersionId, State state, Set<KeyOp> keyVersionOps) {
  /** Key version states of the EKM API; a destroyed version's ciphertexts are lost for good. */
  public enum State {
    ACTIVE,
    DISABLED,
    DESTROYED
  }

  public KeyVersionMetadata {
    keyId = Ids.id("keyId", keyId);
    keyVersionId = Ids.id("keyVersionId", keyVersionId);
    if (state == null || keyVersionOps == null) {
      throw new IllegalArgumentException("state and keyVersionOps are required");
    }
    keyVersionOps = Set.copyOf(keyVersionOps);
  }
}
