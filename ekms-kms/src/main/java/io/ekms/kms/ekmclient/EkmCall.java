package io.ekms.kms.ekmclient;

/**
 * What one call to the EKM was about, for error messages and answer checks: the operation's name as
 * docs/protocols/ekm-api.md gives it, and the vault, key and key version ids involved ({@code null}
 * when none).
 */
record EkmCall(String operation, String vaultId, String keyId, String keyVersionId) {
  /** {@code "Encrypt (vault vlt-1, key key-2)"}. */
  String describe() {
    StringBuilder out = new StringBuilder(operation).append(" (vault ").append(vaultId);
    if (keyId != null) {
      out.append(", key ").append(keyId);
    }
    if (keyVersionId != null) {
      out.append(", version ").append(keyVersionId);
    }
    return out.append(')').toString();
  }
}
