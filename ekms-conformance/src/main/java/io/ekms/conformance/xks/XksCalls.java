package io.ekms.conformance.xks;

import static io.ekms.conformance.Bytes.b64;

import io.ekms.common.json.Json;
import io.ekms.conformance.Answer;
import io.ekms.conformance.CheckFailed;
import io.ekms.conformance.Expect;
import io.ekms.conformance.Wire;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The XKS calls the checks make, signed with the target's credential unless told otherwise. */
final class XksCalls {
  static final String API = "/kms/xks/v1";
  final XksTarget target;
  private final SigV4 signer;

  XksCalls(XksTarget target) {
    this.target = target;
    this.signer = signer(target.credential());
  }

  static SigV4 signer(XksTarget.SigV4Credential credential) {
    return new SigV4(credential.accessKeyId(), credential.secret(), "us-east-1");
  }

  /** The path of an operation: {@code health}, or {@code keys/{id}/metadata|encrypt|decrypt}. */
  static String op(String keyId, String operation) {
    return keyId == null ? "/health" : "/keys/" + keyId + "/" + operation;
  }

  /** Every operation's path on the target key, health first. */
  List<String> everyOperation() {
    String k = target.keyId();
    return List.of(op(null, null), op(k, "metadata"), op(k, "encrypt"), op(k, "decrypt"));
  }

  Answer post(String path, Map<String, Object> body) throws Exception {
    return send(
        target.wire(), target.baseUrl() + API + path, Json.write(body), signer, Instant.now());
  }

  /**
   * POSTs {@code body} as it is to {@code url}, signed by {@code by} (null: unsigned) at {@code
   * at}.
   */
  Answer send(Wire wire, String url, byte[] body, SigV4 by, Instant at) throws Exception {
    Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
    if (by != null) {
      headers.putAll(by.sign(URI.create(url), body, at));
    }
    return wire.send("POST", url, headers, body);
  }

  Answer sendAs(SigV4 by, String path, Map<String, Object> body) throws Exception {
    return send(target.wire(), target.baseUrl() + API + path, Json.write(body), by, Instant.now());
  }

  static Map<String, Object> metadata(String kmsOperation) {
    return Map.of(
        "kmsRequestId", UUID.randomUUID().toString(),
        "kmsOperation", kmsOperation,
        "awsPrincipalArn", "arn:aws:iam::123456789012:user/conformance",
        "kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/conformance",
        "kmsViaService", "ebs");
  }

  static Map<String, Object> encryptBody(byte[] plaintext, byte[] aad, boolean cdiv) {
    Map<String, Object> body = new HashMap<>();
    body.put("requestMetadata", metadata("Encrypt"));
    body.put("plaintext", b64(plaintext));
    body.put("encryptionAlgorithm", "AES_GCM");
    if (aad != null) {
      body.put("additionalAuthenticatedData", b64(aad));
    }
    if (cdiv) {
      body.put("ciphertextDataIntegrityValueAlgorithm", "SHA_256");
    }
    return body;
  }

  Answer encryptRaw(String keyId, byte[] plaintext, byte[] aad, boolean cdiv) throws Exception {
    return post(op(keyId, "encrypt"), encryptBody(plaintext, aad, cdiv));
  }

  /** Encrypts with the target key and expects 200. */
  Answer encrypt(byte[] plaintext, byte[] aad) throws Exception {
    Answer answer = encryptRaw(target.keyId(), plaintext, aad, false);
    Expect.status(answer, 200, "encrypt");
    return answer;
  }

  /** The decrypt body for what an encrypt answered (its ciphertextMetadata sent back if any). */
  static Map<String, Object> decryptBody(Answer encrypted, byte[] aad) {
    Map<String, Object> body = new HashMap<>();
    body.put("requestMetadata", metadata("Decrypt"));
    body.put("encryptionAlgorithm", "AES_GCM");
    for (String f : new String[] {"ciphertext", "initializationVector", "authenticationTag"}) {
      body.put(f, encrypted.field(f));
    }
    if (!encrypted.field("ciphertextMetadata").isEmpty()) {
      body.put("ciphertextMetadata", encrypted.field("ciphertextMetadata"));
    }
    if (aad != null) {
      body.put("additionalAuthenticatedData", b64(aad));
    }
    return body;
  }

  Answer decrypt(String keyId, Map<String, Object> body) throws Exception {
    return post(op(keyId, "decrypt"), body);
  }

  /**
   * Fails unless the answer is {@code status} with {@code errorName}, and its message is printable
   * ASCII under 512 characters, as the specification requires of every error.
   */
  static void error(Answer answer, int status, String errorName, String what) throws CheckFailed {
    Expect.that(
        answer.status() == status && errorName.equals(answer.field("errorName")),
        what + ": expected " + status + " " + errorName + ", got " + answer.brief());
    String message = answer.field("errorMessage");
    Expect.that(
        !message.isEmpty() && message.length() < 512 && message.matches("[\\x20-\\x7e]+"),
        what + ": errorMessage must be printable ASCII under 512 characters: " + answer.brief());
  }
}
