package io.ekms.kms.server;

import static io.ekms.kms.server.OciSdkLifecycleTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.responses.CreateKeyVersionResponse;
import com.oracle.bmc.model.BmcException;
import io.ekms.ekm.service.RotationApprovals;
import io.ekms.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rotation the KMS asks for, approved on the EKM side (docs/operations.md, Rotation), over HTTPS
 * through the OCI Java SDK: the EKM's per-key gate (allow, deny, quorum), and its crypto period
 * picked up by the KMS's version sync. The EKM runs on a hand-moved clock.
 */
class KmsRotationEndToEndTest {
  static final MutableClock EKM_CLOCK = new MutableClock(Instant.now());
  static final AtomicReference<RotationApprovals> APPROVALS =
      new AtomicReference<>(RotationApprovals.NOT_CONFIGURED);
  static SdkWorld w;

  @BeforeAll
  static void start() throws Exception {
    w = new SdkWorld(b -> b.ekmClock(EKM_CLOCK).ekmApprovals(r -> APPROVALS.get().submit(r)));
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  @Test
  void createKeyVersion_ekmAllows_ekmRotatesAndKmsRecordsTheNewVersion() throws Exception {
    String ekmKey = w.newEkmKey("allowed");
    Key key = w.newKey("allowed", ekmKey);
    String before = w.encrypt(key.getId(), "before", null);
    gate(ekmKey, Map.of("kmsRotation", "allow"));

    CreateKeyVersionResponse response = createVersion(key);

    String ekmCurrent = ekmKeyOf(ekmKey).path("currentVersionId").asText();
    assertThat(header(response, "opc-ekms-rotation")).isEqualTo("ekm");
    assertThat(response.getKeyVersion().getExternalKeyReferenceDetails().getExternalKeyVersionId())
        .isEqualTo(ekmCurrent);
    assertThat(ekmVersions(ekmKey)).hasSize(2);
    assertThat(current(key)).isEqualTo(response.getKeyVersion().getId());
    assertThat(w.decrypt(key.getId(), before, null)).isEqualTo("before");
    assertThat(w.decrypt(key.getId(), w.encrypt(key.getId(), "after", null), null))
        .isEqualTo("after");
    assertThat(ekmAudit("RotateKey", response.getOpcRequestId())).containsExactly("OK");
  }

  @Test
  void createKeyVersion_ekmDeniesByDefault_is409ExternalRotationDeniedAndNothingNew() {
    String ekmKey = w.newEkmKey("denied");
    Key key = w.newKey("denied", ekmKey);

    BmcException refused = catchThrowableOfType(BmcException.class, () -> createVersion(key));

    assertThat(refused.getStatusCode()).isEqualTo(409);
    assertThat(refused.getServiceCode()).isEqualTo("ExternalRotationDenied");
    assertThat(ekmVersions(ekmKey)).hasSize(1);
    assertThat(kmsVersions(key)).isEqualTo(1);
    assertThat(ekmAudit("RotateKey", refused.getOpcRequestId())).containsExactly("RotationDenied");
  }

  @Test
  void createKeyVersion_quorumNotConfigured_is409ExternalRotationUnavailableAndNothingNew() {
    String ekmKey = w.newEkmKey("quorum-none");
    Key key = w.newKey("quorum-none", ekmKey);
    gate(ekmKey, Map.of("kmsRotation", "QUORUM"));

    assertRefused(() -> createVersion(key), 409, "ExternalRotationUnavailable");

    assertThat(ekmVersions(ekmKey)).hasSize(1);
    assertThat(kmsVersions(key)).isEqualTo(1);
  }

  @Test
  void createKeyVersion_quorumPending_is202WithTheEkmsRequestIdAndNothingNewYet() {
    String ekmKey = w.newEkmKey("quorum-pending");
    Key key = w.newKey("quorum-pending", ekmKey);
    gate(ekmKey, Map.of("kmsRotation", "quorum"));
    APPROVALS.set(r -> "pending-" + r.keyId());
    CreateKeyVersionResponse response;
    try {
      response = createVersion(key);
    } finally {
      APPROVALS.set(RotationApprovals.NOT_CONFIGURED);
    }

    assertThat(response.get__httpStatusCode__()).isEqualTo(202);
    assertThat(header(response, "opc-ekms-rotation")).isEqualTo("pending");
    assertThat(header(response, "opc-ekms-pending-request-id")).isEqualTo("pending-" + ekmKey);
    assertThat(ekmVersions(ekmKey)).hasSize(1);
    assertThat(kmsVersions(key)).isEqualTo(1);
  }

  @Test
  void createKeyVersion_afterRotationInEkm_recordsTheEkmsCurrentVersionWithoutAsking() {
    String ekmKey = w.newEkmKey("two-step");
    Key key = w.newKey("two-step", ekmKey);
    String rotated = w.ekmKeyAction(ekmKey, "rotate").path("id").asText();

    CreateKeyVersionResponse response = createVersion(key);

    assertThat(header(response, "opc-ekms-rotation")).isEqualTo("recorded");
    assertThat(response.getKeyVersion().getExternalKeyReferenceDetails().getExternalKeyVersionId())
        .isEqualTo(rotated);
    assertThat(ekmVersions(ekmKey)).hasSize(2);
  }

  @Test
  void cryptoPeriod_clockPastThePeriod_ekmRotatesOnceAndKmsSyncRecordsIt() {
    String ekmKey = w.newEkmKey("periodic");
    Key key = w.newKey("periodic", ekmKey);
    JsonNode set = gate(ekmKey, Map.of("rotationPeriodDays", 30));
    assertThat(set.path("rotationPeriodDays").asInt()).isEqualTo(30);
    assertThat(w.stack.ekm().cryptoPeriods().rotateDue()).isZero();

    Duration period = Duration.ofDays(30).plusSeconds(1);
    EKM_CLOCK.advance(period);
    int rotated;
    try {
      rotated = w.stack.ekm().cryptoPeriods().rotateDue();
    } finally {
      // Back to the identity server's time, so the EKM accepts the KMS's tokens again.
      EKM_CLOCK.advance(period.negated());
    }
    int recorded = w.stack.kms().versionSync().syncIfLeased().orElseThrow();

    assertThat(rotated).isGreaterThanOrEqualTo(1);
    assertThat(recorded).isGreaterThanOrEqualTo(1);
    List<JsonNode> versions = ekmVersions(ekmKey);
    assertThat(versions).hasSize(2);
    String ekmCurrent = ekmKeyOf(ekmKey).path("currentVersionId").asText();
    assertThat(ekmCurrent).isEqualTo(versions.get(1).path("id").asText());
    assertThat(kmsVersions(key)).isEqualTo(2);
    var currentVersion =
        w.management
            .getKeyVersion(
                com.oracle.bmc.keymanagement.requests.GetKeyVersionRequest.builder()
                    .keyId(key.getId())
                    .keyVersionId(current(key))
                    .build())
            .getKeyVersion();
    assertThat(currentVersion.getExternalKeyReferenceDetails().getExternalKeyVersionId())
        .isEqualTo(ekmCurrent);
    assertThat(w.stack.ekm().cryptoPeriods().rotateDue()).isZero();
    assertThat(w.stack.kms().versionSync().syncIfLeased().orElseThrow()).isZero();
  }

  static CreateKeyVersionResponse createVersion(Key key) {
    return calls().createVersion(key);
  }

  static String header(CreateKeyVersionResponse response, String name) {
    return RotationCalls.header(response, name);
  }

  static JsonNode gate(String ekmKey, Map<String, Object> fields) {
    return calls().gate(ekmKey, fields);
  }

  static JsonNode ekmKeyOf(String ekmKey) {
    return calls().ekmKeyOf(ekmKey);
  }

  static List<JsonNode> ekmVersions(String ekmKey) {
    return calls().ekmVersions(ekmKey);
  }

  static int kmsVersions(Key key) {
    return calls().kmsVersions(key);
  }

  static String current(Key key) {
    return calls().current(key);
  }

  static List<String> ekmAudit(String operation, String requestId) {
    return calls().ekmAudit(operation, requestId);
  }

  private static RotationCalls calls() {
    return new RotationCalls(w);
  }
}
