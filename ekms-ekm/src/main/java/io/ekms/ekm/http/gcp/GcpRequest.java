package io.ekms.ekm.http.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.secret.Wipe;
import io.ekms.ekm.domain.gcp.AccessReason;
import io.ekms.ekm.domain.gcp.GcpError;
import java.util.HashMap;
import java.util.Map;

/**
 * A WrapRequest or UnwrapRequest as read from its body (docs/google-ekm.md, Routes): the key path,
 * the data ({@code plaintext} or {@code wrappedBlob}), the optional AAD, and the request context.
 * {@link #close} wipes the data.
 */
record GcpRequest(
    String keyPath,
    byte[] data,
    byte[] aad,
    AccessReason reason,
    boolean healthCheck,
    String resourceName,
    String keyUriPrefix)
    implements AutoCloseable {
  static final int MAX_PLAINTEXT = 64 * 1024;
  static final int MAX_BLOB = MAX_PLAINTEXT + 64;
  static final int MAX_AAD = 64 * 1024;
  private static final int MAX_NAME = 1024;

  /** Reads a body; {@code dataField} is {@code plaintext} or {@code wrappedBlob}. */
  static GcpRequest read(byte[] body, String dataField) {
    JsonNode root = Json.read(body, JsonNode.class);
    if (root == null || !root.isObject()) {
      throw ProtoJson.invalid("The request body must be a JSON object.");
    }
    String keyPath = ProtoJson.string(root, "keyPath", MAX_NAME);
    byte[] data =
        ProtoJson.bytes(root, dataField, dataField.equals("plaintext") ? MAX_PLAINTEXT : MAX_BLOB);
    if (data == null) {
      throw ProtoJson.invalid("Field '" + dataField + "' is required.");
    }
    try {
      byte[] aad = ProtoJson.bytes(root, "additionalAuthenticatedData", MAX_AAD);
      JsonNode context = ProtoJson.field(root, "additionalContext");
      if (context != null && !context.isObject()) {
        throw ProtoJson.invalid("Field 'additionalContext' must be an object.");
      }
      JsonNode reasonContext = ProtoJson.field(context, "accessReasonContext");
      AccessReason reason =
          context == null || reasonContext == null
              ? AccessReason.MISSING
              : AccessReason.of(ProtoJson.field(reasonContext, "reason"));
      String resource = ProtoJson.string(context, "fullResourceName", MAX_NAME);
      if (resource == null) {
        resource = ProtoJson.string(context, "relativeResourceName", MAX_NAME);
      }
      return new GcpRequest(
          keyPath,
          data,
          aad,
          reason,
          ProtoJson.bool(context, "isKeyHealthCheck"),
          resource,
          ProtoJson.string(root, "keyUriPrefix", MAX_NAME));
    } catch (RuntimeException e) {
      Wipe.bytes(data);
      throw e;
    }
  }

  /**
   * Checks that the key path names {@code keyName}: the name itself, or any path or URI ending in
   * {@code keys/<keyName>}.
   */
  void checkKeyPath(String keyName) {
    boolean matches =
        keyPath != null
            && (keyPath.equals(keyName)
                || keyPath.equals("keys/" + keyName)
                || keyPath.endsWith("/keys/" + keyName));
    if (!matches) {
      throw GcpError.INVALID_ARGUMENT.error("Field 'keyPath' does not name the key of the path.");
    }
  }

  /** What the audit record of this request carries beside its outcome. */
  Map<String, String> auditDetails() {
    Map<String, String> out = new HashMap<>();
    out.put("accessReason", reason.name());
    out.put("healthCheck", Boolean.toString(healthCheck));
    putPrintable(out, "resourceName", resourceName);
    putPrintable(out, "keyUriPrefix", keyUriPrefix);
    return out;
  }

  private static void putPrintable(Map<String, String> out, String name, String value) {
    if (value != null && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      out.put(name, value);
    }
  }

  @Override
  public void close() {
    Wipe.bytes(data);
  }

  @Override
  public String toString() {
    return "GcpRequest[" + keyPath + ", " + reason + "]";
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
