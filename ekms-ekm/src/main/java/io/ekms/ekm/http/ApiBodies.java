package io.ekms.ekm.http;

import java.util.List;

/** Request and response bodies of the EKM API, field for field as ekm-api.md names them. */
final class ApiBodies {
  private ApiBodies() {}

  record EncryptRequest(String plaintext, String aad, String keyVersionId) {}

  record EncryptResponse(
      String ciphertext, String iv, String tag, String mode, String keyId, String keyVersionId) {}

  record DecryptRequest(
      String ciphertext, String iv, String tag, String aad, String keyVersionId, String mode) {}

  record DecryptResponse(String plaintext, String keyId, String keyVersionId) {}

  record RandomRequest(Integer length) {}

  record RandomResponse(String randomBytes, int length) {}

  record VaultMetadata(String state, String vendor) {}

  record KeyShape(String algorithm, int length) {}

  record KeyMetadata(
      String keyId,
      String currentKeyVersionId,
      KeyShape keyShape,
      String state,
      List<String> keyOps) {}

  record KeyVersionMetadata(
      String keyId, String keyVersionId, String state, List<String> keyVersionOps) {}
}
