package io.ekms.conformance.xks;

import static io.ekms.conformance.Bytes.utf8;
import static io.ekms.conformance.xks.XksCalls.op;

import io.ekms.conformance.Answer;
import io.ekms.conformance.Bytes;
import io.ekms.conformance.Check;
import io.ekms.conformance.CheckSkipped;
import io.ekms.conformance.Expect;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Health, metadata, encrypt and decrypt on the target key; AAD, metadata and CDIV binding. */
final class XksCryptoChecks {
  static final byte[] PLAIN = utf8("Hello World!");
  static final byte[] AAD = utf8("project=nile,department=marketing");
  private final XksCalls calls;
  private final String key;

  XksCryptoChecks(XksCalls calls) {
    this.calls = calls;
    this.key = calls.target.keyId();
  }

  List<Check> all() {
    return List.of(
        Check.of(
            "xks.health.shape", "GetHealthStatus answers the fleet and its health", this::health),
        Check.of(
            "xks.metadata.shape",
            "GetKeyMetadata answers AES_256, its usage and ENABLED (for DescribeKey and CreateKey)",
            this::metadata),
        Check.of(
            "xks.metadata.tolerant",
            "unknown kmsOperation, extra metadata fields and a 2,048-character ARN are accepted",
            this::tolerant),
        Check.of(
            "xks.encrypt.shape",
            "Encrypt answers a ciphertext as long as the plaintext, a 12-byte IV, a 16-byte tag",
            this::shape),
        Check.of(
            "xks.decrypt.round-trip",
            "Decrypt gives the plaintext back, with and without AAD",
            this::roundTrip),
        Check.of(
            "xks.decrypt.large",
            "4,300 bytes of plaintext, and 4,096 with 8,192 bytes of AAD, round-trip",
            this::large),
        Check.of(
            "xks.aad.binding",
            "without the AAD, with another, or with one never given: InvalidCiphertextException",
            this::aadBinding),
        Check.of(
            "xks.decrypt.tampered",
            "a changed ciphertext, IV or tag: InvalidCiphertextException",
            this::tampered),
        Check.of(
            "xks.ciphertext-metadata.bound",
            "ciphertextMetadata (≤ 20 bytes) is bound: left out or changed, refused",
            this::metadataBound),
        Check.of(
            "xks.cdiv.value",
            "the CDIV is Base64(SHA-256(AAD‖metadata‖IV‖ciphertext‖tag)), with and without AAD",
            this::cdiv));
  }

  private void health() throws Exception {
    Answer a =
        calls.post(
            op(null, null),
            Map.of(
                "requestMetadata",
                Map.of("kmsRequestId", "conformance-health", "kmsOperation", "KmsHealthCheck")));
    Expect.status(a, 200, "GetHealthStatus");
    Expect.that(
        a.json().path("xksProxyFleetSize").asInt() >= 1, "xksProxyFleetSize ≥ 1: " + a.brief());
    for (String f : new String[] {"xksProxyVendor", "xksProxyModel", "ekmVendor"}) {
      Expect.that(!a.field(f).isEmpty(), "no " + f + ": " + a.brief());
    }
    var fleet = a.json().path("ekmFleetDetails");
    Expect.that(
        fleet.isArray() && fleet.size() >= 1 && fleet.size() <= 10,
        "ekmFleetDetails has 1..10 entries: " + a.brief());
    for (var node : fleet) {
      Expect.that(
          Set.of("ACTIVE", "DEGRADED", "UNAVAILABLE").contains(node.path("healthStatus").asText()),
          "healthStatus: " + node);
    }
  }

  private void metadata() throws Exception {
    for (String operation : new String[] {"DescribeKey", "CreateKey"}) {
      Answer a =
          calls.post(op(key, "metadata"), Map.of("requestMetadata", XksCalls.metadata(operation)));
      Expect.status(a, 200, "GetKeyMetadata for " + operation);
      Expect.that("AES_256".equals(a.field("keySpec")), "keySpec: " + a.brief());
      Expect.that("ENABLED".equals(a.field("keyStatus")), "keyStatus: " + a.brief());
      String usage = a.json().path("keyUsage").toString();
      Expect.that(
          usage.contains("\"ENCRYPT\"") && usage.contains("\"DECRYPT\""),
          "the target key needs ENCRYPT and DECRYPT: " + a.brief());
    }
  }

  private void tolerant() throws Exception {
    Map<String, Object> md = new HashMap<>(XksCalls.metadata("SomeOperationOf2030"));
    md.put("someFutureField", List.of(1, 2));
    md.put("awsPrincipalArn", "arn:aws:iam::123456789012:role/" + "r".repeat(2048 - 36));
    Expect.status(
        calls.post(op(key, "metadata"), Map.of("requestMetadata", md)),
        200,
        "GetKeyMetadata with unknown fields");
  }

  private void shape() throws Exception {
    Answer a = calls.encrypt(PLAIN, AAD);
    Expect.length(Expect.base64(a, "ciphertext"), PLAIN.length, "ciphertext");
    Expect.length(Expect.base64(a, "initializationVector"), 12, "initializationVector");
    Expect.length(Expect.base64(a, "authenticationTag"), 16, "authenticationTag");
  }

  private byte[] roundTrip(byte[] plain, byte[] aad) throws Exception {
    Answer d = calls.decrypt(key, XksCalls.decryptBody(calls.encrypt(plain, aad), aad));
    Expect.status(d, 200, "decrypt");
    return Expect.base64(d, "plaintext");
  }

  private void roundTrip() throws Exception {
    Expect.that(Arrays.equals(PLAIN, roundTrip(PLAIN, AAD)), "the plaintext differs (with AAD)");
    Expect.that(Arrays.equals(PLAIN, roundTrip(PLAIN, null)), "the plaintext differs (no AAD)");
  }

  private void large() throws Exception {
    var random = new SecureRandom();
    byte[] p4300 = new byte[4300];
    byte[] p4096 = new byte[4096];
    byte[] aad = new byte[8192];
    random.nextBytes(p4300);
    random.nextBytes(p4096);
    random.nextBytes(aad);
    Expect.that(Arrays.equals(p4300, roundTrip(p4300, null)), "4,300 bytes came back different");
    Expect.that(
        Arrays.equals(p4096, roundTrip(p4096, aad)),
        "4,096 bytes with 8,192 of AAD came back different");
  }

  private void aadBinding() throws Exception {
    Answer with = calls.encrypt(PLAIN, AAD);
    XksCalls.error(
        calls.decrypt(key, XksCalls.decryptBody(with, null)),
        400,
        "InvalidCiphertextException",
        "AAD left out");
    XksCalls.error(
        calls.decrypt(key, XksCalls.decryptBody(with, utf8("project=blue"))),
        400,
        "InvalidCiphertextException",
        "another AAD");
    Answer without = calls.encrypt(PLAIN, null);
    XksCalls.error(
        calls.decrypt(key, XksCalls.decryptBody(without, AAD)),
        400,
        "InvalidCiphertextException",
        "an AAD never given");
  }

  private void tampered() throws Exception {
    Answer encrypted = calls.encrypt(PLAIN, AAD);
    for (String field : new String[] {"ciphertext", "initializationVector", "authenticationTag"}) {
      Map<String, Object> body = XksCalls.decryptBody(encrypted, AAD);
      byte[] bytes = Expect.base64(encrypted, field);
      bytes[bytes.length - 1] ^= 0x01;
      body.put(field, Bytes.b64(bytes));
      XksCalls.error(
          calls.decrypt(key, body), 400, "InvalidCiphertextException", "a changed " + field);
    }
  }

  private void metadataBound() throws Exception {
    Answer encrypted = calls.encrypt(PLAIN, AAD);
    if (encrypted.field("ciphertextMetadata").isEmpty()) {
      throw new CheckSkipped("the EKM answers no ciphertextMetadata");
    }
    byte[] md = Expect.base64(encrypted, "ciphertextMetadata");
    Expect.that(md.length <= 20, "ciphertextMetadata has " + md.length + " bytes (at most 20)");
    Map<String, Object> without = XksCalls.decryptBody(encrypted, AAD);
    without.remove("ciphertextMetadata");
    XksCalls.error(
        calls.decrypt(key, without),
        400,
        "InvalidCiphertextException",
        "ciphertextMetadata left out");
    Map<String, Object> changed = XksCalls.decryptBody(encrypted, AAD);
    md[md.length - 1] ^= 0x01;
    changed.put("ciphertextMetadata", Bytes.b64(md));
    XksCalls.error(
        calls.decrypt(key, changed),
        400,
        "InvalidCiphertextException",
        "ciphertextMetadata changed");
  }

  private void cdiv() throws Exception {
    for (byte[] aad : new byte[][] {AAD, null}) {
      Answer a = calls.encryptRaw(key, PLAIN, aad, true);
      Expect.status(a, 200, "encrypt asking for a CDIV");
      var digest = new ByteArrayOutputStream();
      if (aad != null) {
        digest.write(aad);
      }
      if (!a.field("ciphertextMetadata").isEmpty()) {
        digest.write(Expect.base64(a, "ciphertextMetadata"));
      }
      digest.write(Expect.base64(a, "initializationVector"));
      digest.write(Expect.base64(a, "ciphertext"));
      digest.write(Expect.base64(a, "authenticationTag"));
      String expected = Base64.getEncoder().encodeToString(SigV4.sha256(digest.toByteArray()));
      Expect.that(
          expected.equals(a.field("ciphertextDataIntegrityValue")),
          "the CDIV differs from the kit's: " + a.brief());
      Expect.status(
          calls.decrypt(key, XksCalls.decryptBody(a, aad)),
          200,
          "decrypt of the CDIV-checked ciphertext");
    }
  }
}
