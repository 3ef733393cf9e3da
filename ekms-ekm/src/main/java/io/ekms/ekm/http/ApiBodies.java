package io.ekms.ekm.http;

import io.ekms.common.secret.Redacted;
import java.util.List;

/**
 * Request and response bodies of the EKM API, field for field as docs/protocols/ekm-api.md names
 * them.
 */
final class ApiBodies {
  private ApiBodies() {}

  record EncryptRequest(String plaintext, String aad, String keyVersionId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record EncryptResponse(
      String ciphertext, String iv, String tag, String mode, String keyId, String keyVersionId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record DecryptRequest(
      String ciphertext, String iv, String tag, String aad, String keyVersionId, String mode) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record DecryptResponse(String plaintext, String keyId, String keyVersionId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record RandomRequest(Integer length) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record RandomResponse(String randomBytes, int length) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record VaultMetadata(String state, String vendor) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record KeyShape(String algorithm, int length) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record KeyMetadata(
      String keyId,
      String currentKeyVersionId,
      KeyShape keyShape,
      String state,
      List<String> keyOps) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record KeyVersionMetadata(
      String keyId, String keyVersionId, String state, List<String> keyVersionOps) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** RotateKey's 201: the key's new current version. */
  record Rotated(String keyId, String keyVersionId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** RotateKey's 202: the rotation waits for the approval of EKM admins. */
  record RotationPending(String keyId, String pendingRequestId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }
}
