package io.ekms.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** One HTTP answer as the caller saw it: status, headers and body. */
record Answer(int status, HttpHeaders headers, byte[] body) {
  /** The body as JSON, or an empty object when it is not JSON. */
  JsonNode json() {
    try {
      return body.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(body);
    } catch (IOException e) {
      return Json.mapper().createObjectNode();
    }
  }

  /** The stable error code, whatever the API calls its field. */
  String code() {
    JsonNode json = json();
    for (String field : new String[] {"code", "errorName", "error"}) {
      if (json.hasNonNull(field)) {
        return json.get(field).asText();
      }
    }
    return "";
  }

  /** The error message, whatever the API calls its field. */
  String message() {
    JsonNode json = json();
    for (String field : new String[] {"message", "errorMessage", "error_description"}) {
      if (json.hasNonNull(field)) {
        return json.get(field).asText();
      }
    }
    return "";
  }

  String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return status + " " + code() + " " + message();
  }
}
