package io.ekms.conformance.oci;

import static io.ekms.conformance.Bytes.b64;
import static io.ekms.conformance.Bytes.utf8;

import io.ekms.conformance.Answer;
import io.ekms.conformance.Check;
import io.ekms.conformance.Expect;
import io.ekms.conformance.Ids;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The OCI EKM API's error table and bounds, each row provoked. */
final class OciErrorChecks {
  private final OciCalls calls;

  OciErrorChecks(OciCalls calls) {
    this.calls = calls;
  }

  List<Check> all() {
    return List.of(
        Check.of(
            "oci.bounds.plaintext",
            "plaintext of 1 and 65,536 bytes is served; 0 and 65,537 are 400",
            this::plaintextBounds),
        Check.of("oci.bounds.aad", "AAD of 8,192 bytes is served; 8,193 is 400", this::aadBounds),
        Check.of(
            "oci.bounds.random-length",
            "random lengths 1 and 65,535 are served; 0 and 65,536 are 400",
            this::randomBounds),
        Check.of(
            "oci.errors.malformed-json",
            "a body that is not JSON is 400 with code and message",
            this::malformed),
        Check.of("oci.errors.bad-base64", "a plaintext that is not Base64 is 400", this::badBase64),
        Check.of(
            "oci.errors.missing-field",
            "encrypt without plaintext, decrypt without keyVersionId are 400",
            this::missingField),
        Check.of(
            "oci.errors.unknown-mode",
            "decrypt with a mode other than AES_GCM is 400",
            this::unknownMode),
        Check.of("oci.errors.unknown-key", "an unknown key is 404", this::unknownKey),
        Check.of(
            "oci.errors.unknown-key-version",
            "an unknown key version is 404, in metadata and decrypt",
            this::unknownVersion),
        Check.of(
            "oci.errors.refusals-echo-no-input",
            "a refused decrypt does not echo the ciphertext or token",
            this::noEcho));
  }

  private Answer encryptRaw(int plaintextBytes, int aadBytes) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("plaintext", b64(new byte[plaintextBytes]));
    if (aadBytes > 0) {
      body.put("aad", b64(new byte[aadBytes]));
    }
    return calls.post(calls.keyPath() + "/encrypt", body);
  }

  private void plaintextBounds() throws Exception {
    Expect.status(encryptRaw(1, 0), 200, "1 byte");
    Expect.status(encryptRaw(65_536, 0), 200, "65,536 bytes");
    Expect.status(encryptRaw(0, 0), 400, "an empty plaintext");
    Expect.status(encryptRaw(65_537, 0), 400, "65,537 bytes");
  }

  private void aadBounds() throws Exception {
    Expect.status(encryptRaw(16, 8_192), 200, "8,192 bytes of AAD");
    Expect.status(encryptRaw(16, 8_193), 400, "8,193 bytes of AAD");
  }

  private void randomBounds() throws Exception {
    for (int ok : new int[] {1, 65_535}) {
      Expect.status(calls.post("/generateRandomBytes", Map.of("length", ok)), 201, "length " + ok);
    }
    for (int bad : new int[] {0, 65_536}) {
      Expect.status(
          calls.post("/generateRandomBytes", Map.of("length", bad)), 400, "length " + bad);
    }
  }

  private void malformed() throws Exception {
    Answer answer =
        calls.send("POST", calls.keyPath() + "/encrypt", calls.bearer(), utf8("{\"plaintext\":"));
    Expect.status(answer, 400, "a truncated body");
    OciCalls.errorBody(answer);
  }

  private void badBase64() throws Exception {
    Answer answer = calls.post(calls.keyPath() + "/encrypt", Map.of("plaintext", "not base64!"));
    Expect.status(answer, 400, "plaintext \"not base64!\"");
    OciCalls.errorBody(answer);
  }

  private void missingField() throws Exception {
    Expect.status(
        calls.post(calls.keyPath() + "/encrypt", Map.of("aad", b64(utf8("a")))),
        400,
        "encrypt without plaintext");
    Map<String, Object> body = OciCalls.decryptBody(calls.encrypt(utf8("x"), null), null);
    body.remove("keyVersionId");
    Expect.status(calls.decrypt(body), 400, "decrypt without keyVersionId");
  }

  private void unknownMode() throws Exception {
    Map<String, Object> body = OciCalls.decryptBody(calls.encrypt(utf8("x"), null), null);
    body.put("mode", "AES_CBC");
    Expect.status(calls.decrypt(body), 400, "mode AES_CBC");
  }

  private void unknownKey() throws Exception {
    String unknown = "/keys/" + Ids.sibling(calls.keyId());
    Answer answer = calls.get(unknown + "/metadata");
    Expect.status(answer, 404, "metadata of an unknown key");
    OciCalls.errorBody(answer);
    Expect.status(
        calls.post(unknown + "/encrypt", Map.of("plaintext", b64(utf8("x")))),
        404,
        "encrypt with an unknown key");
  }

  private void unknownVersion() throws Exception {
    Map<String, Object> body = OciCalls.decryptBody(calls.encrypt(utf8("x"), null), null);
    String unknown = Ids.sibling((String) body.get("keyVersionId"));
    Expect.status(
        calls.get(calls.keyPath() + "/keyVersions/" + unknown + "/metadata"),
        404,
        "metadata of an unknown version");
    body.put("keyVersionId", unknown);
    Expect.status(calls.decrypt(body), 404, "decrypt under an unknown version");
  }

  private void noEcho() throws Exception {
    Answer encrypted = calls.encrypt(utf8("a secret plaintext"), null);
    Map<String, Object> body = OciCalls.decryptBody(encrypted, utf8("wrong"));
    Answer refused = calls.decrypt(body);
    Expect.status(refused, 400, "decrypt with a wrong AAD");
    String token = calls.bearer().substring("Bearer ".length());
    Expect.that(
        !refused.text().contains(encrypted.field("ciphertext")),
        "the refusal echoes the ciphertext");
    Expect.that(
        !refused.text().contains(token.substring(token.lastIndexOf('.') + 1)),
        "the refusal echoes the token");
  }
}
