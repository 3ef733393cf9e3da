package io.ekms.conformance.oci;

import static io.ekms.conformance.Bytes.b64;

import io.ekms.common.json.Json;
import io.ekms.conformance.Answer;
import io.ekms.conformance.CheckFailed;
import io.ekms.conformance.Expect;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The OCI EKM API calls the checks make, with the target's valid token unless told otherwise. */
final class OciCalls {
  private final OciTarget target;

  OciCalls(OciTarget target) {
    this.target = target;
  }

  String keyId() {
    return target.keyId();
  }

  String keyPath() {
    return "/keys/" + target.keyId();
  }

  Answer get(String path) throws Exception {
    return send("GET", path, bearer(), null);
  }

  Answer post(String path, Map<String, Object> body) throws Exception {
    return send("POST", path, bearer(), Json.write(body));
  }

  /** Sends {@code body} as it is, with {@code authorization} (null: no header). */
  Answer send(String method, String path, String authorization, byte[] body) throws Exception {
    Map<String, String> headers = new HashMap<>();
    headers.put("opc-request-id", "conformance-" + UUID.randomUUID());
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    return target.wire().send(method, target.vaultUrl() + path, headers, body);
  }

  String bearer() throws Exception {
    return "Bearer " + target.token().token();
  }

  /** Encrypts {@code plaintext} with {@code aad} (null: none) and expects 200. */
  Answer encrypt(byte[] plaintext, byte[] aad) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("plaintext", b64(plaintext));
    if (aad != null) {
      body.put("aad", b64(aad));
    }
    Answer answer = post(keyPath() + "/encrypt", body);
    Expect.status(answer, 200, "encrypt");
    return answer;
  }

  /** The decrypt body for what {@link #encrypt} answered, with {@code aad} (null: none). */
  static Map<String, Object> decryptBody(Answer encrypted, byte[] aad) {
    Map<String, Object> body = new HashMap<>();
    for (String field : new String[] {"ciphertext", "iv", "tag", "keyVersionId"}) {
      body.put(field, encrypted.field(field));
    }
    body.put("mode", "AES_GCM");
    if (aad != null) {
      body.put("aad", b64(aad));
    }
    return body;
  }

  Answer decrypt(Map<String, Object> body) throws Exception {
    return post(keyPath() + "/decrypt", body);
  }

  /** Fails unless a refusal has the error body: a code and a message. */
  static void errorBody(Answer answer) throws CheckFailed {
    Expect.that(
        !answer.field("code").isEmpty() && !answer.field("message").isEmpty(),
        "the error body lacks code or message: " + answer.brief());
  }
}
