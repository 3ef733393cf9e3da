package io.ekms.conformance.gcp;

import static io.ekms.conformance.Bytes.b64;

import io.ekms.common.json.Json;
import io.ekms.conformance.Answer;
import io.ekms.conformance.CheckFailed;
import io.ekms.conformance.Expect;
import java.util.HashMap;
import java.util.Map;

/** The Cloud EKM calls the checks make, with the target's valid token unless told otherwise. */
final class GcpCalls {
  static final String REASON = "CUSTOMER_INITIATED_ACCESS";
  final GcpTarget target;

  GcpCalls(GcpTarget target) {
    this.target = target;
  }

  /** POSTs {@code body} as it is to {@code <key uri>:<verb>} with {@code authorization}. */
  Answer send(String keyUri, String verb, String authorization, byte[] body) throws Exception {
    Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    return target.wire().send("POST", keyUri + ":" + verb, headers, body);
  }

  Answer post(String verb, Map<String, Object> body) throws Exception {
    return send(target.keyUri(), verb, "Bearer " + target.token().token(), Json.write(body));
  }

  Map<String, Object> wrapBody(byte[] plaintext, byte[] aad, Object reason) {
    Map<String, Object> body = new HashMap<>();
    body.put("keyPath", target.keyPath());
    body.put("plaintext", b64(plaintext));
    if (aad != null) {
      body.put("additionalAuthenticatedData", b64(aad));
    }
    if (reason != null) {
      body.put("additionalContext", context(reason));
    }
    return body;
  }

  Map<String, Object> unwrapBody(String blob, byte[] aad) {
    Map<String, Object> body = new HashMap<>();
    body.put("keyPath", target.keyPath());
    body.put("wrappedBlob", blob);
    if (aad != null) {
      body.put("additionalAuthenticatedData", b64(aad));
    }
    body.put("additionalContext", context(REASON));
    return body;
  }

  static Map<String, Object> context(Object reason) {
    return Map.of(
        "fullResourceName",
        "projects/conformance/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1",
        "accessReasonContext",
        Map.of("reason", reason));
  }

  /** Wraps and expects 200; the blob. */
  String wrap(byte[] plaintext, byte[] aad) throws Exception {
    Answer a = post("wrap", wrapBody(plaintext, aad, REASON));
    Expect.status(a, 200, "wrap");
    Expect.base64(a, "wrappedBlob");
    return a.field("wrappedBlob");
  }

  Answer unwrap(String blob, byte[] aad) throws Exception {
    return post("unwrap", unwrapBody(blob, aad));
  }

  /** Fails unless the answer is HTTP {@code http} with a google.rpc.Status of {@code code}. */
  static void status(Answer a, int http, int code, String what) throws CheckFailed {
    Expect.that(
        a.status() == http
            && a.json().path("code").asInt(-1) == code
            && !a.field("message").isEmpty(),
        what + ": expected " + http + " with gRPC code " + code + ", got " + a.brief());
  }
}
