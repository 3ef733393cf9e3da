package io.ekms.it.ekm;

import static io.ekms.it.ekm.XksStore.AKID1;
import static io.ekms.it.ekm.XksStore.AKID2;
import static io.ekms.it.ekm.XksStore.BASE;
import static io.ekms.it.ekm.XksStore.SECRET1;
import static io.ekms.it.ekm.XksStore.SECRET2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four XKS operations over HTTPS, from the XKS Proxy API specification v1.0.3, with requests
 * signed by curl's SigV4.
 */
class XksApiTest {
  static LoopbackStack stack;
  static XksStore f;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("xks-api-")).start();
    f = new XksStore(EkmVault.ofIdentity(stack));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] decode(JsonNode n, String field) {
    return Base64.getDecoder().decode(n.path(field).asText());
  }

  @Test
  void health_signedByEitherCredential_answersActiveFleet() throws Exception {
    for (String[] cred : new String[][] {{AKID1, SECRET1}, {AKID2, SECRET2}}) {
      var a =
          f.xks.post(
              BASE + "/health",
              cred[0],
              cred[1],
              Map.of("requestMetadata", Map.of("kmsRequestId", "r-1", "kmsOperation", "X")));
      assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
      assertThat(a.body().path("xksProxyFleetSize").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(a.body().path("ekmFleetDetails").get(0).path("healthStatus").asText())
          .isEqualTo("ACTIVE");
      assertThat(a.body().has("xksProxyVendor") && a.body().has("ekmVendor")).isTrue();
    }
  }

  @Test
  void metadata_eachUsage_listsItsOperations() throws Exception {
    Map<String, String> expected =
        Map.of(
            "full", "[\"ENCRYPT\",\"DECRYPT\"]",
            "enc-only", "[\"ENCRYPT\"]",
            "dec-only", "[\"DECRYPT\"]",
            "none", "[]");
    for (var e : expected.entrySet()) {
      var a =
          f.xks.post(
              BASE + "/keys/" + e.getKey() + "/metadata",
              AKID2,
              SECRET2,
              Map.of("requestMetadata", XksStore.metadata()));
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.body().path("keySpec").asText()).isEqualTo("AES_256");
      assertThat(a.body().path("keyUsage").toString()).isEqualTo(e.getValue());
      assertThat(a.body().path("keyStatus").asText()).isEqualTo("ENABLED");
    }
  }

  @Test
  void encryptDecrypt_withAadAndBothCredentials_roundTrips() throws Exception {
    byte[] aad = "context".getBytes(StandardCharsets.UTF_8);
    var ct = f.encrypt("full", "hello xks".getBytes(StandardCharsets.UTF_8), aad, false);
    assertThat(ct.status()).as(ct.body().toString()).isEqualTo(200);
    assertThat(decode(ct.body(), "ciphertext")).hasSize(9);
    assertThat(decode(ct.body(), "initializationVector")).hasSize(12);
    assertThat(decode(ct.body(), "authenticationTag")).hasSize(16);
    assertThat(decode(ct.body(), "ciphertextMetadata").length).isLessThanOrEqualTo(20);
    assertThat(ct.body().has("ciphertextDataIntegrityValue")).isFalse();
    var pt = f.decrypt("full", ct.body(), aad, AKID2, SECRET2);
    assertThat(pt.status()).isEqualTo(200);
    assertThat(new String(decode(pt.body(), "plaintext"), StandardCharsets.UTF_8))
        .isEqualTo("hello xks");
  }

  @Test
  void encrypt_4096PlaintextWith8192Aad_andA4300Plaintext_roundTrip() throws Exception {
    for (int size : new int[] {4096, 4300}) {
      byte[] plaintext = random(size, size);
      byte[] aad = random(8192, 7);
      var ct = f.encrypt("full", plaintext, aad, false);
      assertThat(ct.status()).as(ct.body().toString()).isEqualTo(200);
      var pt = f.decrypt("full", ct.body(), aad, AKID1, SECRET1);
      assertThat(decode(pt.body(), "plaintext")).isEqualTo(plaintext);
    }
  }

  @Test
  void encrypt_withCdiv_answersHashOfAadMetadataIvCiphertextTag() throws Exception {
    byte[] aad = "aad".getBytes(StandardCharsets.UTF_8);
    var ct = f.encrypt("full", "integrity".getBytes(StandardCharsets.UTF_8), aad, true);
    assertThat(ct.status()).isEqualTo(200);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(aad);
    for (String field :
        new String[] {
          "ciphertextMetadata", "initializationVector", "ciphertext", "authenticationTag"
        }) {
      sha.update(decode(ct.body(), field));
    }
    assertThat(ct.body().path("ciphertextDataIntegrityValue").asText())
        .isEqualTo(Base64.getEncoder().encodeToString(sha.digest()));
  }

  @Test
  void gcmAad_withMetadata_isLengthPrefixedConcatenation() throws Exception {
    byte[] aad = "x".getBytes(StandardCharsets.UTF_8);
    var ct = f.encrypt("full", "spec".getBytes(StandardCharsets.UTF_8), aad, false).body();
    byte[] meta = decode(ct, "ciphertextMetadata");
    // The OCI EKM API takes the raw AES-GCM AAD: the XKS ciphertext opens there only with the
    // AAD built exactly as the specification says.
    byte[] gcmAad = new byte[2 + aad.length + 1 + meta.length];
    gcmAad[1] = (byte) aad.length;
    System.arraycopy(aad, 0, gcmAad, 2, aad.length);
    gcmAad[2 + aad.length] = (byte) meta.length;
    System.arraycopy(meta, 0, gcmAad, 3 + aad.length, meta.length);
    var answer = XksCrossApiTest.decryptThroughOci(f, ct, gcmAad);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    assertThat(new String(Base64.getDecoder().decode(answer.body().path("plaintext").asText())))
        .isEqualTo("spec");
  }
}
