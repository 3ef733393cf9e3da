package io.ekms.conformance.oci;

import static io.ekms.conformance.Bytes.utf8;

import io.ekms.conformance.Answer;
import io.ekms.conformance.Bytes;
import io.ekms.conformance.Check;
import io.ekms.conformance.Expect;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every operation of the OCI EKM API on the target key, and AAD binding. */
final class OciCryptoChecks {
  private static final byte[] PLAIN = utf8("conformance plaintext");
  private static final byte[] AAD = utf8("tenant=conformance");
  private final OciCalls calls;
  private final OciTarget target;

  OciCryptoChecks(OciCalls calls, OciTarget target) {
    this.calls = calls;
    this.target = target;
  }

  List<Check> all() {
    return List.of(
        Check.of(
            "oci.metadata.vault", "GetVaultMetadata answers 200 with an ACTIVE state", this::vault),
        Check.of(
            "oci.metadata.key", "GetKeyMetadata answers the key's shape, state and ops", this::key),
        Check.of(
            "oci.metadata.key-version",
            "GetKeyVersionMetadata answers the current version",
            this::keyVersion),
        Check.of("oci.request-id.echoed", "the opc-request-id is echoed back", this::requestId),
        Check.of(
            "oci.encrypt.shape",
            "Encrypt answers a 12-byte IV, a 16-byte tag, AES_GCM",
            this::shape),
        Check.of(
            "oci.encrypt.fresh-iv",
            "two encrypts of one plaintext differ in IV and ciphertext",
            this::freshIv),
        Check.of(
            "oci.decrypt.round-trip",
            "Decrypt gives back the plaintext, with and without AAD",
            this::roundTrip),
        Check.of(
            "oci.aad.binding",
            "a ciphertext does not decrypt with another AAD or none",
            this::aadBinding),
        Check.of(
            "oci.decrypt.tampered-refused-alike",
            "a changed ciphertext, IV or tag is refused 400, with one message for every cause",
            this::tampered),
        Check.of(
            "oci.random.bytes", "GenerateRandomBytes answers 201 with fresh bytes", this::random));
  }

  private void vault() throws Exception {
    Answer answer = calls.get("/metadata");
    Expect.status(answer, 200, "GetVaultMetadata");
    Expect.that("ACTIVE".equals(answer.field("state")), "vault state: " + answer.brief());
  }

  private void key() throws Exception {
    Answer answer = calls.get(calls.keyPath() + "/metadata");
    Expect.status(answer, 200, "GetKeyMetadata");
    var json = answer.json();
    Expect.that(target.keyId().equals(answer.field("keyId")), "keyId: " + answer.brief());
    Expect.that(!answer.field("currentKeyVersionId").isEmpty(), "no currentKeyVersionId");
    Expect.that(
        "AES".equals(json.path("keyShape").path("algorithm").asText()),
        "algorithm: " + answer.brief());
    int bits = json.path("keyShape").path("length").asInt();
    Expect.that(Set.of(128, 192, 256).contains(bits), "keyShape.length in bits: " + bits);
    Expect.that("ACTIVE".equals(answer.field("state")), "key state: " + answer.brief());
    Expect.that(
        json.path("keyOps").toString().contains("\"ENCRYPT\"")
            && json.path("keyOps").toString().contains("\"DECRYPT\""),
        "the target key needs ENCRYPT and DECRYPT: " + answer.brief());
  }

  private void keyVersion() throws Exception {
    String version = calls.get(calls.keyPath() + "/metadata").field("currentKeyVersionId");
    Answer answer = calls.get(calls.keyPath() + "/keyVersions/" + version + "/metadata");
    Expect.status(answer, 200, "GetKeyVersionMetadata");
    Expect.that(version.equals(answer.field("keyVersionId")), "keyVersionId: " + answer.brief());
    Expect.that(target.keyId().equals(answer.field("keyId")), "keyId: " + answer.brief());
    Expect.that(!answer.field("state").isEmpty(), "no state: " + answer.brief());
  }

  private void requestId() throws Exception {
    String id = "conformance-echo-" + System.nanoTime();
    Answer tagged =
        target
            .wire()
            .send(
                "GET",
                target.vaultUrl() + "/metadata",
                Map.of("Authorization", calls.bearer(), "opc-request-id", id),
                null);
    Expect.status(tagged, 200, "GetVaultMetadata");
    Expect.that(
        id.equals(tagged.header("opc-request-id")),
        "opc-request-id came back as " + tagged.header("opc-request-id"));
  }

  private void shape() throws Exception {
    Answer answer = calls.encrypt(PLAIN, AAD);
    Expect.length(Expect.base64(answer, "iv"), 12, "iv");
    Expect.length(Expect.base64(answer, "tag"), 16, "tag");
    Expect.length(Expect.base64(answer, "ciphertext"), PLAIN.length, "ciphertext");
    Expect.that("AES_GCM".equals(answer.field("mode")), "mode: " + answer.brief());
    Expect.that(target.keyId().equals(answer.field("keyId")), "keyId: " + answer.brief());
    String current = calls.get(calls.keyPath() + "/metadata").field("currentKeyVersionId");
    Expect.that(
        current.equals(answer.field("keyVersionId")), "keyVersionId is not the current one");
  }

  private void freshIv() throws Exception {
    Answer a = calls.encrypt(PLAIN, null);
    Answer b = calls.encrypt(PLAIN, null);
    Expect.that(!a.field("iv").equals(b.field("iv")), "the EKM repeated an IV");
    Expect.that(
        !a.field("ciphertext").equals(b.field("ciphertext")), "the EKM repeated a ciphertext");
  }

  private void roundTrip() throws Exception {
    for (byte[] aad : new byte[][] {AAD, null}) {
      Answer decrypted = calls.decrypt(OciCalls.decryptBody(calls.encrypt(PLAIN, aad), aad));
      Expect.status(decrypted, 200, "Decrypt");
      Expect.that(
          Arrays.equals(PLAIN, Expect.base64(decrypted, "plaintext")), "the plaintext differs");
    }
  }

  private void aadBinding() throws Exception {
    Answer encrypted = calls.encrypt(PLAIN, AAD);
    Expect.status(
        calls.decrypt(OciCalls.decryptBody(encrypted, utf8("tenant=other"))),
        400,
        "decrypt with another AAD");
    Expect.status(
        calls.decrypt(OciCalls.decryptBody(encrypted, null)), 400, "decrypt without the AAD");
    Answer none = calls.encrypt(PLAIN, null);
    Expect.status(
        calls.decrypt(OciCalls.decryptBody(none, AAD)), 400, "decrypt with an AAD never given");
  }

  private void tampered() throws Exception {
    Answer encrypted = calls.encrypt(PLAIN, AAD);
    String message = null;
    for (String field : new String[] {"ciphertext", "iv", "tag"}) {
      Map<String, Object> body = OciCalls.decryptBody(encrypted, AAD);
      byte[] bytes = Expect.base64(encrypted, field);
      bytes[0] ^= 0x01;
      body.put(field, Bytes.b64(bytes));
      Answer answer = calls.decrypt(body);
      Expect.status(answer, 400, "decrypt with a changed " + field);
      OciCalls.errorBody(answer);
      Expect.that(
          message == null || message.equals(answer.field("message")),
          "the message names the cause (" + field + "): " + answer.brief());
      message = answer.field("message");
    }
  }

  private void random() throws Exception {
    Answer a = calls.post("/generateRandomBytes", Map.of("length", 32));
    Answer b = calls.post("/generateRandomBytes", Map.of("length", 32));
    Expect.status(a, 201, "GenerateRandomBytes");
    Expect.length(Expect.base64(a, "randomBytes"), 32, "randomBytes");
    Expect.that(a.json().path("length").asInt() == 32, "length: " + a.brief());
    Expect.that(!a.field("randomBytes").equals(b.field("randomBytes")), "two answers were equal");
  }
}
