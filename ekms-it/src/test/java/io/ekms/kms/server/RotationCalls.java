package io.ekms.kms.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.requests.CreateKeyVersionRequest;
import com.oracle.bmc.keymanagement.requests.GetKeyRequest;
import com.oracle.bmc.keymanagement.requests.ListKeyVersionsRequest;
import com.oracle.bmc.keymanagement.responses.CreateKeyVersionResponse;
import java.util.List;
import java.util.Map;

/** The calls the rotation tests make of one {@link SdkWorld}: the KMS's and the EKM's views. */
final class RotationCalls {
  private final SdkWorld w;

  RotationCalls(SdkWorld w) {
    this.w = w;
  }

  CreateKeyVersionResponse createVersion(Key key) {
    return w.management.createKeyVersion(
        CreateKeyVersionRequest.builder().keyId(key.getId()).build());
  }

  static String header(CreateKeyVersionResponse response, String name) {
    return response.getHeaders().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().getFirst())
        .findFirst()
        .orElse(null);
  }

  JsonNode gate(String ekmKey, Map<String, Object> fields) {
    return w.stack.ekmAdmin().updateKey(w.ekmVaultId, ekmKey, fields);
  }

  JsonNode ekmKeyOf(String ekmKey) {
    return w.stack.ekmAdmin().key(w.ekmVaultId, ekmKey);
  }

  List<JsonNode> ekmVersions(String ekmKey) {
    JsonNode items =
        w.stack
            .ekmAdmin()
            .http()
            .call("GET", "/admin/v1/vaults/" + w.ekmVaultId + "/keys/" + ekmKey + "/versions", null)
            .path("items");
    return java.util.stream.StreamSupport.stream(items.spliterator(), false).toList();
  }

  int kmsVersions(Key key) {
    return w.management
        .listKeyVersions(ListKeyVersionsRequest.builder().keyId(key.getId()).build())
        .getItems()
        .size();
  }

  String current(Key key) {
    return w.management
        .getKey(GetKeyRequest.builder().keyId(key.getId()).build())
        .getKey()
        .getCurrentKeyVersion();
  }

  /** The results of the EKM's audit records of {@code operation} for request {@code requestId}. */
  List<String> ekmAudit(String operation, String requestId) {
    JsonNode items = w.stack.ekmAdmin().audit(requestId);
    return java.util.stream.StreamSupport.stream(items.spliterator(), false)
        .map(e -> e.has("record") ? e.path("record") : e)
        .filter(e -> operation.equals(e.path("operation").asText()))
        .map(e -> e.path("result").asText())
        .toList();
  }
}
