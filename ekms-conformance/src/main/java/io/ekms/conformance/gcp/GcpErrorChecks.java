package io.ekms.conformance.gcp;

import static io.ekms.conformance.Bytes.utf8;
import static io.ekms.conformance.gcp.GcpCalls.status;
import static io.ekms.conformance.gcp.GcpCryptoChecks.DEK;

import io.ekms.common.json.Json;
import io.ekms.conformance.Answer;
import io.ekms.conformance.Check;
import io.ekms.conformance.Expect;
import io.ekms.conformance.Ids;
import java.util.List;
import java.util.Map;

/** The Cloud EKM error table as a caller can provoke it, and Key Access Justifications. */
final class GcpErrorChecks {
  /** Every reason Google names, with its number. */
  static final List<String> REASONS =
      List.of(
          "REASON_UNSPECIFIED",
          "CUSTOMER_INITIATED_SUPPORT",
          "GOOGLE_INITIATED_SERVICE",
          "THIRD_PARTY_DATA_REQUEST",
          "GOOGLE_INITIATED_REVIEW",
          "CUSTOMER_INITIATED_ACCESS",
          "GOOGLE_INITIATED_SYSTEM_OPERATION",
          "REASON_NOT_EXPECTED",
          "MODIFIED_CUSTOMER_INITIATED_ACCESS",
          "MODIFIED_GOOGLE_INITIATED_SYSTEM_OPERATION",
          "GOOGLE_RESPONSE_TO_PRODUCTION_ALERT",
          "CUSTOMER_AUTHORIZED_WORKFLOW_SERVICING");

  private final GcpCalls calls;

  GcpErrorChecks(GcpCalls calls) {
    this.calls = calls;
  }

  List<Check> all() {
    return List.of(
        Check.of(
            "gcp.errors.malformed-body",
            "a body that is not a JSON object: 400 INVALID_ARGUMENT",
            this::malformed),
        Check.of(
            "gcp.errors.bad-base64",
            "a plaintext that is not Base64: 400 INVALID_ARGUMENT",
            this::badBase64),
        Check.of(
            "gcp.errors.key-path-mismatch",
            "a keyPath of another key, or none: 400 INVALID_ARGUMENT",
            this::keyPath),
        Check.of(
            "gcp.bounds.plaintext",
            "64 KiB of plaintext is wrapped; one byte more is 400 INVALID_ARGUMENT",
            this::bounds),
        Check.of("gcp.errors.unknown-key", "an unknown key name: 404 NOT_FOUND", this::unknownKey),
        Check.of(
            "gcp.kaj.reasons",
            "each reason by name and by number gets one answer; CUSTOMER_INITIATED_ACCESS is served; MISSING and UNKNOWN are decided, never malformed",
            this::reasons));
  }

  private Answer raw(String body) throws Exception {
    return calls.send(
        calls.target.keyUri(), "wrap", "Bearer " + calls.target.token().token(), utf8(body));
  }

  private void malformed() throws Exception {
    for (String body : List.of("{", "[]", "null")) {
      status(raw(body), 400, 3, "body " + body);
    }
  }

  private void badBase64() throws Exception {
    Map<String, Object> body = calls.wrapBody(DEK, null, GcpCalls.REASON);
    body.put("plaintext", "***");
    status(calls.post("wrap", body), 400, 3, "plaintext ***");
  }

  private void keyPath() throws Exception {
    Map<String, Object> body = calls.wrapBody(DEK, null, GcpCalls.REASON);
    body.put("keyPath", calls.target.keyPath() + "-other");
    status(calls.post("wrap", body), 400, 3, "keyPath of another key");
    body.remove("keyPath");
    status(calls.post("wrap", body), 400, 3, "no keyPath");
  }

  private void bounds() throws Exception {
    Expect.status(
        calls.post("wrap", calls.wrapBody(new byte[64 * 1024], null, GcpCalls.REASON)),
        200,
        "64 KiB");
    status(
        calls.post("wrap", calls.wrapBody(new byte[64 * 1024 + 1], null, GcpCalls.REASON)),
        400,
        3,
        "64 KiB + 1");
  }

  private void unknownKey() throws Exception {
    String uri = calls.target.keyUri();
    String unknown =
        uri.substring(0, uri.lastIndexOf('/') + 1)
            + Ids.sibling(uri.substring(uri.lastIndexOf('/') + 1));
    String path = calls.target.keyPath();
    Map<String, Object> body = calls.wrapBody(DEK, null, GcpCalls.REASON);
    body.put(
        "keyPath",
        path.substring(0, path.lastIndexOf('/') + 1)
            + unknown.substring(unknown.lastIndexOf('/') + 1));
    status(
        calls.send(unknown, "wrap", "Bearer " + calls.target.token().token(), Json.write(body)),
        404,
        5,
        "wrap with an unknown key");
  }

  private void reasons() throws Exception {
    for (int number = 0; number < REASONS.size(); number++) {
      Answer byName = calls.post("wrap", calls.wrapBody(DEK, null, REASONS.get(number)));
      Answer byNumber = calls.post("wrap", calls.wrapBody(DEK, null, number));
      decided(byName, REASONS.get(number));
      Expect.that(
          byName.status() == byNumber.status(),
          REASONS.get(number)
              + " by name got "
              + byName.status()
              + ", by number "
              + byNumber.status());
    }
    Expect.status(
        calls.post("wrap", calls.wrapBody(DEK, null, GcpCalls.REASON)),
        200,
        "CUSTOMER_INITIATED_ACCESS (denying it makes Google's services unavailable)");
    decided(calls.post("wrap", calls.wrapBody(DEK, null, null)), "MISSING (no context)");
    decided(calls.post("wrap", calls.wrapBody(DEK, null, 99)), "UNKNOWN (reason 99)");
  }

  /** Allowed (200), or denied as PERMISSION_DENIED naming the reason field. */
  private static void decided(Answer a, String reason) throws Exception {
    if (a.status() == 200) {
      return;
    }
    status(a, 403, 7, reason + " was neither served nor denied");
    Expect.that(
        a.text().contains("accessReasonContext.reason"),
        reason
            + " denied without the field violation on additionalContext.accessReasonContext.reason: "
            + a.brief());
  }
}
