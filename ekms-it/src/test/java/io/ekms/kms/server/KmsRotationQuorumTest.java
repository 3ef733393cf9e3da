package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.responses.CreateKeyVersionResponse;
import io.ekms.core.admin.QuorumSettings;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rotation the KMS asks for, of a key whose gate is QUORUM, held by the EKM's real quorum (one
 * approval) over HTTPS through the OCI SDK: pending until a key custodian approves it on the EKM,
 * then rotated there and recorded by the KMS's version sync; a rejected one never rotates.
 */
class KmsRotationQuorumTest {
  static SdkWorld w;
  static RotationCalls calls;

  @BeforeAll
  static void start() throws Exception {
    w = new SdkWorld(b -> b.ekm(e -> e.quorum(new QuorumSettings(1, null, 24))));
    calls = new RotationCalls(w);
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  private static String pendingRotation(String name, String ekmKey, Key key) {
    calls.gate(ekmKey, Map.of("kmsRotation", "quorum"));
    CreateKeyVersionResponse response = calls.createVersion(key);
    assertThat(response.get__httpStatusCode__()).as(name).isEqualTo(202);
    return RotationCalls.header(response, "opc-ekms-pending-request-id");
  }

  private static JsonNode decide(String id, String verb) {
    return w.stack
        .ekmAdmin()
        .http()
        .call("POST", "/admin/v1/requests/" + id + "/" + verb, Map.of());
  }

  @Test
  void createKeyVersion_quorumApproved_ekmRotatesAndKmsSyncRecordsIt() {
    String ekmKey = w.newEkmKey("quorum-approved");
    Key key = w.newKey("quorum-approved", ekmKey);
    String pending = pendingRotation("approved", ekmKey, key);
    JsonNode held = w.stack.ekmAdmin().http().call("GET", "/admin/v1/requests/" + pending, null);
    assertThat(held.path("operation").asText()).isEqualTo("KmsRotateKey");
    assertThat(held.path("requester").asText()).startsWith("client:");
    assertThat(calls.ekmVersions(ekmKey)).hasSize(1);

    JsonNode approved = decide(pending, "approve");
    int recorded = w.stack.kms().versionSync().syncIfLeased().orElseThrow();

    assertThat(approved.path("executed").path("status").asInt()).isEqualTo(201);
    assertThat(calls.ekmVersions(ekmKey)).hasSize(2);
    assertThat(recorded).isGreaterThanOrEqualTo(1);
    assertThat(calls.kmsVersions(key)).isEqualTo(2);
  }

  @Test
  void createKeyVersion_quorumRejected_neverRotates() {
    String ekmKey = w.newEkmKey("quorum-rejected");
    Key key = w.newKey("quorum-rejected", ekmKey);
    String pending = pendingRotation("rejected", ekmKey, key);

    JsonNode rejected = decide(pending, "reject");

    assertThat(rejected.path("state").asText()).isEqualTo("REJECTED");
    assertThat(calls.ekmVersions(ekmKey)).hasSize(1);
    assertThat(calls.kmsVersions(key)).isEqualTo(1);
  }
}
