package io.ekms.it.ekm;

import static io.ekms.it.ekm.XksStore.AKID1;
import static io.ekms.it.ekm.XksStore.SECRET1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One EKM key serves AWS (XKS) and OCI (EKM API) at once, across a rotation. */
class XksCrossApiTest {
  /** Decrypts an XKS ciphertext through the OCI EKM API with the given raw AES-GCM AAD. */
  static RawHttps.Answer decryptThroughOci(XksStore f, JsonNode xksCt, byte[] gcmAad)
      throws Exception {
    String version =
        f.ekm
            .api
            .get(f.ekm.apiBase() + "/keys/" + f.ekm.keyId + "/metadata", f.ekm.token())
            .body()
            .path("currentKeyVersionId")
            .asText();
    return f.ekm.api.post(
        f.ekm.apiBase() + "/keys/" + f.ekm.keyId + "/decrypt",
        f.ekm.token(),
        Map.of(
            "ciphertext", xksCt.path("ciphertext").asText(),
            "iv", xksCt.path("initializationVector").asText(),
            "tag", xksCt.path("authenticationTag").asText(),
            "aad", Base64.getEncoder().encodeToString(gcmAad),
            "mode", "AES_GCM",
            "keyVersionId", version));
  }

  @Test
  void sameKey_bothApis_eachCiphertextDecryptsThroughItsOwnApiAfterRotation() throws Exception {
    try (LoopbackStack stack = LoopbackStack.builder(TempDirs.create("xks-cross-")).start()) {
      XksStore f = new XksStore(EkmVault.ofIdentity(stack));
      byte[] aad = "shared".getBytes(StandardCharsets.UTF_8);
      var xksBefore = f.encrypt("full", "from aws".getBytes(StandardCharsets.UTF_8), aad, false);
      JsonNode ociBefore = f.ekm.encrypt(f.ekm.keyId, "from oci", "shared");
      f.ekm.admin().keyAction(f.ekm.vaultId, f.ekm.keyId, "rotate");
      var xksAfter = f.encrypt("full", "later".getBytes(StandardCharsets.UTF_8), aad, false);
      assertThat(xksAfter.body().path("ciphertextMetadata").asText())
          .isNotEqualTo(xksBefore.body().path("ciphertextMetadata").asText());

      var xksOld = f.decrypt("full", xksBefore.body(), aad, AKID1, SECRET1);
      assertThat(xksOld.status()).as(xksOld.body().toString()).isEqualTo(200);
      assertThat(XksApiTest.decode(xksOld.body(), "plaintext"))
          .isEqualTo("from aws".getBytes(StandardCharsets.UTF_8));
      var xksNew = f.decrypt("full", xksAfter.body(), aad, AKID1, SECRET1);
      assertThat(XksApiTest.decode(xksNew.body(), "plaintext"))
          .isEqualTo("later".getBytes(StandardCharsets.UTF_8));
      var ociOld = f.ekm.decrypt(f.ekm.keyId, ociBefore, "shared");
      assertThat(ociOld.status()).isEqualTo(200);
      assertThat(ociOld.body().path("plaintext").asText()).isEqualTo(XksStore.b64("from oci"));
      assertThat(ociOld.body().path("keyVersionId").asText())
          .isEqualTo(ociBefore.path("keyVersionId").asText());
    }
  }
}
