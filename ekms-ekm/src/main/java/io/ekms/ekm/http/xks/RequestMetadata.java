package io.ekms.ekm.http.xks;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.ekm.domain.xks.XksError;

/**
 * Checks {@code requestMetadata}: an object naming {@code kmsRequestId} and {@code kmsOperation}
 * (any value, new operations included), and {@code awsPrincipalArn} on key operations. Other fields
 * are opaque to the proxy and accepted as they come.
 */
final class RequestMetadata {
  static final int MAX_ARN = 2048;

  private RequestMetadata() {}

  /** Returns {@code kmsRequestId}, for the audit. */
  static String check(JsonNode metadata, boolean keyOperation) {
    if (metadata == null || !metadata.isObject() || metadata.isEmpty()) {
      throw XksError.VALIDATION.error("Field 'requestMetadata' is required.");
    }
    String requestId = text(metadata, "kmsRequestId", 256);
    text(metadata, "kmsOperation", 256);
    if (keyOperation) {
      text(metadata, "awsPrincipalArn", MAX_ARN);
    }
    return requestId;
  }

  private static String text(JsonNode metadata, String name, int max) {
    JsonNode v = metadata.get(name);
    if (v == null || !v.isTextual() || v.asText().isEmpty() || v.asText().length() > max) {
      throw XksError.VALIDATION.error(
          "Field 'requestMetadata." + name + "' must be a string of 1 to " + max + " characters.");
    }
    return v.asText();
  }
}
