package io.ekms.ekm.http.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.ekm.domain.gcp.GcpError;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Reading Cloud EKM request bodies by proto3 JSON rules, leniently: a field is found by its
 * lowerCamelCase name, its proto name ({@code key_path}) or any other capitalisation ({@code
 * RelativeResourceName}); {@code null} means absent; unknown fields are ignored; bytes are base64,
 * standard or URL-safe, padded or not. A field given twice under two spellings is refused.
 */
final class ProtoJson {
  private ProtoJson() {}

  /** The field {@code name} of {@code object}, or null when absent or null. */
  static JsonNode field(JsonNode object, String name) {
    if (object == null || !object.isObject()) {
      return null;
    }
    String wanted = normal(name);
    JsonNode found = null;
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (normal(e.getKey()).equals(wanted) && !e.getValue().isNull()) {
        if (found != null) {
          throw invalid("Field '" + name + "' is given more than once.");
        }
        found = e.getValue();
      }
    }
    return found;
  }

  /** A string field, or null when absent. */
  static String string(JsonNode object, String name, int maxLength) {
    JsonNode v = field(object, name);
    if (v == null) {
      return null;
    }
    if (!v.isTextual() || v.asText().length() > maxLength) {
      throw invalid("Field '" + name + "' must be a string of at most " + maxLength + " chars.");
    }
    return v.asText();
  }

  /** A bytes field decoded, or null when absent or empty (proto3's default). */
  static byte[] bytes(JsonNode object, String name, int maxBytes) {
    JsonNode v = field(object, name);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw invalid("Field '" + name + "' must be a base64 string.");
    }
    String text = v.asText();
    if (text.length() > (maxBytes / 3 + 1) * 4) {
      throw invalid("Field '" + name + "' is longer than " + maxBytes + " bytes.");
    }
    byte[] out;
    try {
      String standard = text.replace('-', '+').replace('_', '/');
      out = Base64.getDecoder().decode(standard);
    } catch (IllegalArgumentException e) {
      throw invalid("Field '" + name + "' is not valid base64.");
    }
    if (out.length > maxBytes) {
      throw invalid("Field '" + name + "' is longer than " + maxBytes + " bytes.");
    }
    return out.length == 0 ? null : out;
  }

  /** A bool field: absent is false. */
  static boolean bool(JsonNode object, String name) {
    JsonNode v = field(object, name);
    if (v == null) {
      return false;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
      return v.asText().equals("true");
    }
    throw invalid("Field '" + name + "' must be true or false.");
  }

  static io.ekms.core.error.ApiException invalid(String message) {
    return GcpError.INVALID_ARGUMENT.error(message);
  }

  private static String normal(String name) {
    return name.replace("_", "").toLowerCase(Locale.ROOT);
  }
}
