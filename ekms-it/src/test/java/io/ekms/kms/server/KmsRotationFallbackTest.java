package io.ekms.kms.server;

import static io.ekms.kms.server.OciSdkLifecycleTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.responses.CreateKeyVersionResponse;
import io.ekms.ekm.server.EkmConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An EKM without the rotate extension (turned off: it answers 404 on that path, as another vendor's
 * EKM would): CreateKeyVersion keeps today's two steps, whatever the key's setting says.
 */
class KmsRotationFallbackTest {
  static SdkWorld w;

  @BeforeAll
  static void start() throws Exception {
    w = new SdkWorld(b -> b.ekm(e -> e.rotation(new EkmConfig.Rotation(false, null))));
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  @Test
  void createKeyVersion_ekmWithoutExtension_nothingToRecordIsTodays409() {
    String ekmKey = w.newEkmKey("no-extension");
    Key key = w.newKey("no-extension", ekmKey);
    w.stack.ekmAdmin().updateKey(w.ekmVaultId, ekmKey, Map.of("kmsRotation", "ALLOW"));

    assertRefused(() -> create(key), 409, "IncorrectState");

    assertThat(w.stack.ekmAdmin().key(w.ekmVaultId, ekmKey).path("currentVersionId").asText())
        .isEqualTo(key.getExternalKeyReferenceDetails().getExternalKeyVersionId());
  }

  @Test
  void createKeyVersion_ekmWithoutExtensionAfterRotationInEkm_recordsIt() {
    String ekmKey = w.newEkmKey("two-step");
    Key key = w.newKey("two-step", ekmKey);
    String rotated = w.ekmKeyAction(ekmKey, "rotate").path("id").asText();

    CreateKeyVersionResponse response = create(key);

    assertThat(KmsRotationEndToEndTest.header(response, "opc-ekms-rotation")).isEqualTo("recorded");
    assertThat(response.getKeyVersion().getExternalKeyReferenceDetails().getExternalKeyVersionId())
        .isEqualTo(rotated);
  }

  private static CreateKeyVersionResponse create(Key key) {
    return w.management.createKeyVersion(
        com.oracle.bmc.keymanagement.requests.CreateKeyVersionRequest.builder()
            .keyId(key.getId())
            .build());
  }
}
