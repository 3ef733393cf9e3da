package io.ekms.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/**
 * What an EKM answered: status, body as JSON (a missing node when empty or not JSON), headers, and
 * the raw text for reports.
 */
public record Answer(int status, JsonNode json, HttpHeaders headers, String text) {
  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** A text field of the body, empty when absent. */
  public String field(String name) {
    return json.path(name).asText("");
  }

  /** Status and body, cut to 300 characters: what a failed check quotes. */
  public String brief() {
    String body = text.length() > 300 ? text.substring(0, 300) + "…" : text;
    return status + " " + body.replace('\n', ' ');
  }
}
