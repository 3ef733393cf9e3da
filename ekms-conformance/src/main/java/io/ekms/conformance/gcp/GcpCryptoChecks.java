package io.ekms.conformance.gcp;

import static io.ekms.conformance.Bytes.utf8;
import static io.ekms.conformance.gcp.GcpCalls.status;

import io.ekms.common.json.Json;
import io.ekms.conformance.Answer;
import io.ekms.conformance.Bytes;
import io.ekms.conformance.Check;
import io.ekms.conformance.Expect;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Wrap and unwrap on the target key: round trips, AAD binding, tampering, lenient spellings. */
final class GcpCryptoChecks {
  static final byte[] DEK = utf8("a data key Cloud KMS already encrypted");
  static final byte[] AAD = utf8("projects/conformance");
  private final GcpCalls calls;

  GcpCryptoChecks(GcpCalls calls) {
    this.calls = calls;
  }

  List<Check> all() {
    return List.of(
        Check.of(
            "gcp.wrap.round-trip",
            "wrap then unwrap gives the plaintext back, with and without AAD, cache 0s",
            this::roundTrip),
        Check.of("gcp.wrap.fresh", "two wraps of one plaintext differ", this::fresh),
        Check.of(
            "gcp.aad.binding",
            "unwrap with another AAD or none: 400 INVALID_ARGUMENT",
            this::aadBinding),
        Check.of(
            "gcp.unwrap.tampered",
            "a changed, truncated or made-up blob: 400 INVALID_ARGUMENT",
            this::tampered),
        Check.of(
            "gcp.request.lenient",
            "proto field names, URL-safe unpadded Base64 and non-canonical context spellings are accepted",
            this::lenient),
        Check.of(
            "gcp.request.health-check",
            "a call marked isKeyHealthCheck gets the answer a real call would",
            this::healthCheck));
  }

  private void roundTrip() throws Exception {
    for (byte[] aad : new byte[][] {AAD, null}) {
      Answer a = calls.unwrap(calls.wrap(DEK, aad), aad);
      Expect.status(a, 200, "unwrap");
      Expect.that(Arrays.equals(DEK, Expect.base64(a, "plaintext")), "the plaintext differs");
      Expect.that(
          "0s".equals(a.field("allowedCacheDuration")) || a.field("allowedCacheDuration").isEmpty(),
          "nothing may be cached; allowedCacheDuration " + a.field("allowedCacheDuration"));
    }
  }

  private void fresh() throws Exception {
    Expect.that(
        !calls.wrap(DEK, null).equals(calls.wrap(DEK, null)), "two wraps gave the same blob");
  }

  private void aadBinding() throws Exception {
    String blob = calls.wrap(DEK, AAD);
    status(calls.unwrap(blob, utf8("projects/other")), 400, 3, "unwrap with another AAD");
    status(calls.unwrap(blob, null), 400, 3, "unwrap without the AAD");
    status(calls.unwrap(calls.wrap(DEK, null), AAD), 400, 3, "unwrap with an AAD never given");
  }

  private void tampered() throws Exception {
    byte[] blob = Base64.getDecoder().decode(calls.wrap(DEK, AAD));
    byte[] flipped = blob.clone();
    flipped[flipped.length - 1] ^= 0x01;
    byte[] header = blob.clone();
    header[0] ^= 0x01;
    for (byte[] bad :
        List.of(flipped, header, Arrays.copyOf(blob, blob.length / 2), new byte[10])) {
      status(
          calls.unwrap(Bytes.b64(bad), AAD),
          400,
          3,
          "unwrap of a " + bad.length + "-byte tampered blob");
    }
  }

  private void lenient() throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("key_path", calls.target.keyPath());
    body.put("plaintext", Base64.getUrlEncoder().withoutPadding().encodeToString(DEK));
    body.put(
        "additional_authenticated_data",
        Base64.getUrlEncoder().withoutPadding().encodeToString(AAD));
    Map<String, Object> context = new HashMap<>();
    context.put(
        "RelativeResourceName", "projects/conformance/locations/global/keyRings/r/cryptoKeys/k");
    context.put("is_key_health_check", null);
    context.put("access_reason_context", Map.of("reason", 5));
    body.put("additional_context", context);
    Answer wrapped =
        calls.send(
            calls.target.keyUri(),
            "wrap",
            "Bearer " + calls.target.token().token(),
            Json.write(body));
    Expect.status(wrapped, 200, "wrap with proto names and lenient spellings");
    Answer a = calls.unwrap(wrapped.field("wrappedBlob"), AAD);
    Expect.status(a, 200, "unwrap");
    Expect.that(Arrays.equals(DEK, Expect.base64(a, "plaintext")), "the plaintext differs");
  }

  private void healthCheck() throws Exception {
    Map<String, Object> body = calls.wrapBody(DEK, null, null);
    body.put(
        "additionalContext",
        Map.of("isKeyHealthCheck", true, "accessReasonContext", Map.of("reason", GcpCalls.REASON)));
    Expect.status(calls.post("wrap", body), 200, "a health-check wrap");
  }
}
