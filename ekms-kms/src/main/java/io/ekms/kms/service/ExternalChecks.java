package io.ekms.kms.service;

import io.ekms.kms.external.ExternalVault;

/** What the KMS requires of an EKM key before it references it; each refusal says why. */
final class ExternalChecks {
  private ExternalChecks() {}

  static void usableKey(ExternalVault.KeyInfo info, int lengthBytes) {
    if (!"ACTIVE".equals(info.state())) {
      throw KmsError.INCORRECT_STATE.error(
          "The external key is " + info.state() + " in the external key manager, not ACTIVE.");
    }
    if (!"AES".equals(info.algorithm())) {
      throw KmsError.INVALID_PARAMETER.error(
          "The external key is " + info.algorithm() + "; only AES keys can be referenced.");
    }
    if (info.lengthBits() != lengthBytes * 8) {
      throw KmsError.INVALID_PARAMETER.error(
          "The external key has "
              + info.lengthBits()
              + " bits but keyShape.length asks for "
              + lengthBytes * 8
              + ".");
    }
    if (!info.ops().contains("ENCRYPT") || !info.ops().contains("DECRYPT")) {
      throw KmsError.INVALID_PARAMETER.error(
          "The external key must allow ENCRYPT and DECRYPT; it allows " + info.ops() + ".");
    }
  }

  static void activeVersion(ExternalVault.VersionInfo info) {
    if (!"ACTIVE".equals(info.state())) {
      throw KmsError.INCORRECT_STATE.error(
          "The external key version is "
              + info.state()
              + " in the external key manager, not ACTIVE.");
    }
  }
}
