package io.ekms.conformance.xks;

import static io.ekms.conformance.Bytes.utf8;
import static io.ekms.conformance.xks.XksCalls.op;
import static io.ekms.conformance.xks.XksCryptoChecks.PLAIN;

import io.ekms.conformance.Answer;
import io.ekms.conformance.Check;
import io.ekms.conformance.Expect;
import io.ekms.conformance.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The XKS error table: validation, unknown keys and paths, methods. */
final class XksErrorChecks {
  private final XksCalls calls;
  private final String key;

  XksErrorChecks(XksCalls calls) {
    this.calls = calls;
    this.key = calls.target.keyId();
  }

  List<Check> all() {
    return List.of(
        Check.of(
            "xks.errors.empty-body",
            "{} on every operation, health included: 400 ValidationException",
            this::emptyBody),
        Check.of(
            "xks.errors.empty-request-metadata",
            "an empty requestMetadata on every operation: 400 ValidationException",
            this::emptyMetadata),
        Check.of(
            "xks.errors.missing-field",
            "encrypt without plaintext, decrypt without ciphertext: 400 ValidationException",
            this::missingField),
        Check.of(
            "xks.errors.bad-base64",
            "a plaintext that is not Base64: 400 ValidationException",
            this::badBase64),
        Check.of(
            "xks.errors.unknown-algorithm",
            "an encryptionAlgorithm other than AES_GCM: 400 ValidationException",
            this::unknownAlgorithm),
        Check.of(
            "xks.errors.unknown-key",
            "an unknown key id on metadata, encrypt and decrypt: 404 KeyNotFoundException",
            this::unknownKey),
        Check.of(
            "xks.errors.unknown-uri-path",
            "a wrong URI prefix on every operation: 404 InvalidUriPathException",
            this::unknownPath),
        Check.of("xks.errors.get-method", "GET on an operation's URI: 405", this::getMethod));
  }

  private void emptyBody() throws Exception {
    for (String path : calls.everyOperation()) {
      Answer a =
          calls.send(
              calls.target.wire(),
              calls.target.baseUrl() + XksCalls.API + path,
              utf8("{}"),
              XksCalls.signer(calls.target.credential()),
              Instant.now());
      XksCalls.error(a, 400, "ValidationException", "{} to " + path);
    }
  }

  private void emptyMetadata() throws Exception {
    for (String path : calls.everyOperation()) {
      XksCalls.error(
          calls.post(path, Map.of("requestMetadata", Map.of())),
          400,
          "ValidationException",
          "empty requestMetadata to " + path);
    }
  }

  private void missingField() throws Exception {
    Map<String, Object> encrypt = XksCalls.encryptBody(PLAIN, null, false);
    encrypt.remove("plaintext");
    XksCalls.error(
        calls.post(op(key, "encrypt"), encrypt),
        400,
        "ValidationException",
        "encrypt without plaintext");
    Map<String, Object> decrypt = XksCalls.decryptBody(calls.encrypt(PLAIN, null), null);
    decrypt.remove("ciphertext");
    XksCalls.error(
        calls.decrypt(key, decrypt), 400, "ValidationException", "decrypt without ciphertext");
  }

  private void badBase64() throws Exception {
    Map<String, Object> body = XksCalls.encryptBody(PLAIN, null, false);
    body.put("plaintext", "not base64!");
    XksCalls.error(
        calls.post(op(key, "encrypt"), body),
        400,
        "ValidationException",
        "plaintext \"not base64!\"");
  }

  private void unknownAlgorithm() throws Exception {
    Map<String, Object> body = XksCalls.encryptBody(PLAIN, null, false);
    body.put("encryptionAlgorithm", "RSAES_OAEP_SHA_256");
    XksCalls.error(
        calls.post(op(key, "encrypt"), body), 400, "ValidationException", "RSAES_OAEP_SHA_256");
  }

  private void unknownKey() throws Exception {
    String unknown = Ids.sibling(key);
    Answer encrypted = calls.encrypt(PLAIN, null);
    XksCalls.error(
        calls.post(
            op(unknown, "metadata"), Map.of("requestMetadata", XksCalls.metadata("DescribeKey"))),
        404,
        "KeyNotFoundException",
        "metadata");
    XksCalls.error(
        calls.encryptRaw(unknown, PLAIN, null, false), 404, "KeyNotFoundException", "encrypt");
    XksCalls.error(
        calls.decrypt(unknown, XksCalls.decryptBody(encrypted, null)),
        404,
        "KeyNotFoundException",
        "decrypt");
  }

  private void unknownPath() throws Exception {
    var signer = XksCalls.signer(calls.target.credential());
    for (String path : calls.everyOperation()) {
      String url = calls.target.baseUrl() + "/invalid" + XksCalls.API + path;
      Answer a =
          calls.send(
              calls.target.wire(),
              url,
              io.ekms.common.json.Json.write(
                  Map.of("requestMetadata", XksCalls.metadata("Encrypt"))),
              signer,
              Instant.now());
      XksCalls.error(a, 404, "InvalidUriPathException", "/invalid added to the prefix, " + path);
    }
  }

  private void getMethod() throws Exception {
    Answer a =
        calls
            .target
            .wire()
            .send(
                "GET", calls.target.baseUrl() + XksCalls.API + op(key, "encrypt"), Map.of(), null);
    Expect.status(a, 405, "GET on encrypt");
  }
}
