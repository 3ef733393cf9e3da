package io.ekms.kms.ekmclient;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Base64Field;
import io.ekms.common.json.Json;
import io.ekms.common.secret.Wipe;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads answers from a remote server that is not trusted to be well behaved, with the strict shared
 * JSON settings. Failures name the field and the place, never a value, and keep no parser exception
 * (whose message could quote the body, and bodies can carry plaintext).
 */
final class AnswerJson {
  private AnswerJson() {}

  /** Why an answer is not usable. */
  static final class Malformed extends Exception {
    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A flat object: its scalar fields as text, and one Base64 field decoded to bytes. */
  record Flat(Map<String, String> texts, byte[] secret) {}

  static JsonNode tree(byte[] body) throws Malformed {
    try {
      JsonNode node = Json.mapper().readTree(body);
      if (node == null || !node.isObject()) {
        throw new Malformed("the body is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new Malformed("the body is not valid JSON" + where(e.getLocation()));
    } catch (IOException e) {
      throw new Malformed("the body cannot be read");
    }
  }

  static String text(JsonNode node, String field) throws Malformed {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new Malformed("field '" + field + "' is missing or not a string");
    }
    return value.asText();
  }

  static byte[] base64(String field, String value, int min, int max) throws Malformed {
    try {
      return Base64Field.decode(field, value, min, max);
    } catch (IllegalArgumentException e) {
      throw new Malformed(e.getMessage());
    }
  }

  /**
   * Reads a flat object, decoding {@code secretField} straight from the body into bytes (never a
   * {@code String}); nested values are skipped. The caller wipes {@link Flat#secret()}.
   */
  static Flat flat(byte[] body, String secretField) throws Malformed {
    Map<String, String> texts = new HashMap<>();
    byte[] secret = null;
    try (JsonParser parser = Json.mapper().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new Malformed("the body is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals(secretField) && value == JsonToken.VALUE_STRING) {
          secret = decodeSecret(parser, secretField);
        } else if (value.isScalarValue()) {
          texts.put(name, parser.getText());
        } else {
          parser.skipChildren();
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw new Malformed("the body holds more than one JSON object");
      }
      return new Flat(texts, secret);
    } catch (JsonProcessingException e) {
      Wipe.bytes(secret);
      throw new Malformed("the body is not valid JSON" + where(e.getLocation()));
    } catch (IOException e) {
      Wipe.bytes(secret);
      throw new Malformed("the body cannot be read");
    } catch (Malformed e) {
      Wipe.bytes(secret);
      throw e;
    }
  }

  private static byte[] decodeSecret(JsonParser parser, String field) throws Malformed {
    try {
      return parser.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS);
    } catch (IOException e) {
      throw new Malformed("field '" + field + "' is not valid Base64");
    }
  }

  private static String where(JsonLocation location) {
    return location == null
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
