package io.ekms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.auth.xks.SigV4Signer;
import io.ekms.sdk.model.DecryptedData;
import io.ekms.sdk.model.EncryptedData;
import io.ekms.stack.StackTenant;
import io.ekms.testing.TestIssuer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One EKM key used through the three protocols, across a rotation: OCI's (through the KMS and its
 * SDK), AWS XKS (SigV4-signed) and Google Cloud EKM (Google-shaped ID tokens from a local issuer).
 * The EKM key is rotated in the EKM: what each protocol sealed before still opens through that
 * protocol after it, and XKS and Google name the new version in what they seal after it.
 */
class ThreeProtocolTest {
  private static final String XKS_PREFIX = "xks/three";
  private static final String GCP_PREFIX = "gcp/three";
  private static final String AUDIENCE = "https://ekm.three.test";
  private static final String SA = "service-31337@gcp-sa-ekms.iam.gserviceaccount.com";
  private static AttackWorld w;
  private static StackTenant tenant;
  private static TestIssuer google;
  private static String akid;
  private static String secret;

  @BeforeAll
  static void world() throws Exception {
    w = AttackWorld.shared();
    tenant =
        StackTenant.provision(
            w.stack, "three", "ocid1.tenancy.oc1..three", "ocid1.compartment.oc1..three");
    var ekm = w.stack.ekmAdmin();
    String xks = ekm.xksStore("three", XKS_PREFIX);
    akid = AttackWorld.newAccessKeyId();
    secret = Base64.getEncoder().encodeToString(Randoms.bytes(32));
    ekm.addXksCredential(xks, akid, secret);
    ekm.putXksKey(xks, "shared", tenant.ekmVaultId(), tenant.ekmKeyId(), "ENCRYPT_DECRYPT");
    google = TestIssuer.start();
    JsonNode store =
        ekm.http()
            .call(
                "POST",
                "/admin/v1/gcp/keystores",
                Map.of(
                    "name", "three",
                    "uriPrefix", GCP_PREFIX,
                    "issuer", google.issuer(),
                    "jwksUrl", google.jwksUri(),
                    "caBundlePem", google.caPem(),
                    "audiences", List.of(AUDIENCE)));
    String gcp = store.path("id").asText();
    ekm.http()
        .call("POST", "/admin/v1/gcp/keystores/" + gcp + "/service-accounts", Map.of("email", SA));
    ekm.http()
        .call(
            "PUT",
            "/admin/v1/gcp/keystores/" + gcp + "/keys/shared",
            Map.of("vaultId", tenant.ekmVaultId(), "keyId", tenant.ekmKeyId()));
  }

  @AfterAll
  static void stop() {
    google.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  /** What each protocol sealed: the KMS ciphertext, the XKS encrypt answer, the Google blob. */
  private record Sealed(EncryptedData oci, JsonNode xks, String gcp) {}

  private static Sealed sealAll(String text) {
    EncryptedData oci =
        tenant
            .client(w.stack)
            .crypto(tenant.vaultId())
            .encrypt(tenant.keyId(), bytes(text), Map.of());
    Answer x =
        xks(
            "/encrypt",
            Map.of(
                "requestMetadata", meta(),
                "plaintext", b64(bytes(text)),
                "encryptionAlgorithm", "AES_GCM"));
    assertThat(x.status()).as(x.toString()).isEqualTo(200);
    Answer g =
        gcp(
            ":wrap",
            Map.of(
                "keyPath", "v0/keys/shared",
                "plaintext", b64(bytes(text)),
                "additionalContext",
                    Map.of("accessReasonContext", Map.of("reason", "CUSTOMER_INITIATED_ACCESS"))));
    assertThat(g.status()).as(g.toString()).isEqualTo(200);
    return new Sealed(oci, x.json(), g.json().path("wrappedBlob").asText());
  }

  private static void openAll(Sealed s, String text) {
    try (DecryptedData d =
        tenant
            .client(w.stack)
            .crypto(tenant.vaultId())
            .decrypt(tenant.keyId(), s.oci().ciphertext(), Map.of())) {
      String opened = d.plaintext().reveal(b -> new String(b, StandardCharsets.UTF_8));
      assertThat(opened).isEqualTo(text);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requestMetadata", meta());
    body.put("encryptionAlgorithm", "AES_GCM");
    for (String f :
        List.of("ciphertext", "initializationVector", "authenticationTag", "ciphertextMetadata")) {
      body.put(f, s.xks().path(f).asText());
    }
    Answer x = xks("/decrypt", body);
    assertThat(x.status()).as(x.toString()).isEqualTo(200);
    assertThat(Base64.getDecoder().decode(x.json().path("plaintext").asText()))
        .isEqualTo(bytes(text));
    Answer g = gcp(":unwrap", Map.of("keyPath", "v0/keys/shared", "wrappedBlob", s.gcp()));
    assertThat(g.status()).as(g.toString()).isEqualTo(200);
    assertThat(Base64.getDecoder().decode(g.json().path("plaintext").asText()))
        .isEqualTo(bytes(text));
  }

  @Test
  void oneKey_threeProtocols_acrossARotation() {
    Sealed before = sealAll("sealed before the rotation");
    openAll(before, "sealed before the rotation");

    w.stack.ekmAdmin().keyAction(tenant.ekmVaultId(), tenant.ekmKeyId(), "rotate");

    Sealed after = sealAll("sealed after the rotation");
    openAll(before, "sealed before the rotation");
    openAll(after, "sealed after the rotation");
    assertThat(version(after.gcp())).isEqualTo(version(before.gcp()) + 1);
    assertThat(after.xks().path("ciphertextMetadata").asText())
        .isNotEqualTo(before.xks().path("ciphertextMetadata").asText());
  }

  private static int version(String blob) {
    return java.nio.ByteBuffer.wrap(Base64.getDecoder().decode(blob), 1, 4).getInt();
  }

  private static Map<String, Object> meta() {
    return Map.of(
        "kmsRequestId", "three-" + Randoms.hex(4),
        "kmsOperation", "Encrypt",
        "awsPrincipalArn", "arn:aws:iam::111122223333:user/three");
  }

  private static Answer xks(String op, Object body) {
    URI uri = URI.create(w.xksBase() + "/" + XKS_PREFIX + "/kms/xks/v1/keys/shared" + op);
    byte[] bytes = Json.write(body);
    Map<String, String> headers;
    try (SecretBytes s = SecretBytes.adopt(secret.getBytes(StandardCharsets.US_ASCII))) {
      headers =
          new LinkedHashMap<>(
              new SigV4Signer(akid, s, "us-east-1", Clock.systemUTC()).headers(uri, bytes));
    }
    return w.wire.send("POST", uri, headers, bytes);
  }

  private static Answer gcp(String op, Object body) {
    String token =
        google
            .token()
            .clientId(null)
            .scope(null)
            .subject("31337")
            .audience(AUDIENCE)
            .claim("email", SA)
            .claim("email_verified", true)
            .sign();
    return w.raw(
        w.stack.ekmUrl(),
        "POST",
        "/" + GCP_PREFIX + "/v0/keys/shared" + op,
        Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
        Json.writeString(body));
  }
}
