package io.ekms.it.ekm;

import static io.ekms.it.ekm.GcpStore.KEY_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.json.Json;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wrap, unwrap and info of the Cloud EKM API over HTTPS, with Google-shaped ID tokens. */
class GcpApiTest {
  static LoopbackStack stack;
  static TestIssuer google;
  static GcpStore f;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("gcp-api-")).start();
    google = TestIssuer.start();
    f = new GcpStore(EkmVault.ofIdentity(stack), google);
  }

  @AfterAll
  static void stop() {
    stack.close();
    google.close();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void wrapUnwrap_withAad_roundTripsAndAllowsNoCaching() throws Exception {
    String blob = f.wrapOk(bytes("an encrypted DEK"), bytes("aad"));
    assertThat(Base64.getDecoder().decode(blob)[0]).isEqualTo((byte) 1);
    var a = f.unwrap(blob, bytes("aad"));
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    assertThat(Base64.getDecoder().decode(a.body().path("plaintext").asText()))
        .isEqualTo(bytes("an encrypted DEK"));
    assertThat(a.body().path("allowedCacheDuration").asText()).isEqualTo("0s");
  }

  @Test
  void wrap_64KiBPlaintextWith64KiBAad_roundTrips() throws Exception {
    byte[] big = new byte[64 * 1024];
    new java.util.Random(1).nextBytes(big);
    byte[] aad = new byte[64 * 1024];
    var a = f.unwrap(f.wrapOk(big, aad), aad);
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    assertThat(Base64.getDecoder().decode(a.body().path("plaintext").asText())).isEqualTo(big);
  }

  @Test
  void lenientSpellings_protoNamesUrlSafeUnpaddedBase64AndNulls_accepted() throws Exception {
    byte[] plaintext = {(byte) 0xfb, (byte) 0xff, 0x01};
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(plaintext);
    String raw =
        "{\"key_path\":\"https://ekm.example.test/gcp/p1/v0/keys/payments\","
            + "\"plaintext\":\""
            + urlSafe
            + "\",\"additional_authenticated_data\":null,\"someFutureField\":{\"x\":1},"
            + "\"AdditionalContext\":{\"RelativeResourceName\":\"projects/p\","
            + "\"is_key_health_check\":null,\"accessReasonContext\":{\"reason\":5}}}";
    var w = f.ekm.api.send("POST", KEY_PATH + ":wrap", f.idToken().sign(), raw);
    assertThat(w.status()).as(w.body().toString()).isEqualTo(200);
    var u = f.unwrap(w.body().path("wrappedBlob").asText(), null);
    assertThat(Base64.getDecoder().decode(u.body().path("plaintext").asText()))
        .isEqualTo(plaintext);
  }

  @Test
  void healthCheck_getsTheAnswerARealCallWould() throws Exception {
    Map<String, Object> body = GcpStore.wrapBody(bytes("probe"), null, null);
    body.put("additionalContext", Map.of("isKeyHealthCheck", true));
    var a = f.ekm.api.post(KEY_PATH + ":wrap", f.idToken().sign(), body);
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
  }

  @Test
  void info_answersVendorAndKeyCountWithoutSecrets() throws Exception {
    var a = f.ekm.api.get("/" + GcpStore.PREFIX + "/v0/info", f.idToken().sign());
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    assertThat(a.body().path("vendor").asText()).isEqualTo("ekms");
    assertThat(a.body().path("keys").asInt()).isEqualTo(1);
    assertThat(Json.writeString(a.body())).doesNotContain(f.ekm.keyId);
  }

  @Test
  void rotation_oldBlobsStillUnwrap_newBlobsNameTheNewVersion() throws Exception {
    String before = f.wrapOk(bytes("before"), null);
    var rotated =
        f.ekm
            .adminRaw()
            .post(
                "/admin/v1/vaults/" + f.ekm.vaultId + "/keys/" + f.ekm.keyId + "/rotate",
                f.ekm.adminToken(),
                Map.of());
    assertThat(rotated.status()).as(rotated.body().toString()).isBetween(200, 201);
    String after = f.wrapOk(bytes("after"), null);
    int vBefore = java.nio.ByteBuffer.wrap(Base64.getDecoder().decode(before), 1, 4).getInt();
    int vAfter = java.nio.ByteBuffer.wrap(Base64.getDecoder().decode(after), 1, 4).getInt();
    assertThat(vAfter).isEqualTo(vBefore + 1);
    for (var e : Map.of(before, "before", after, "after").entrySet()) {
      var a = f.unwrap(e.getKey(), null);
      assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
      assertThat(new String(Base64.getDecoder().decode(a.body().path("plaintext").asText())))
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void issuerSigningKeyRotated_newKidAcceptedAfterAJwksRefresh() throws Exception {
    assertThat(f.wrap(bytes("before"), null).status()).isEqualTo(200);
    int fetches = f.google.jwksFetchCount();
    f.google.rotateKey();
    var a = f.wrap(bytes("after"), null);
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    assertThat(f.google.jwksFetchCount()).isGreaterThan(fetches);
  }

  @Test
  void blob_opensThroughTheOciApi_withHeaderThenAadAsGcmAad() throws Exception {
    byte[] blob = Base64.getDecoder().decode(f.wrapOk(bytes("format"), bytes("aad")));
    int n = blob.length;
    byte[] gcmAad = new byte[5 + 3];
    System.arraycopy(blob, 0, gcmAad, 0, 5);
    System.arraycopy(bytes("aad"), 0, gcmAad, 5, 3);
    var enc = Base64.getEncoder();
    String version =
        f.ekm
            .api
            .get(f.ekm.apiBase() + "/keys/" + f.ekm.keyId + "/metadata", f.ekm.token())
            .body()
            .path("currentKeyVersionId")
            .asText();
    var a =
        f.ekm.api.post(
            f.ekm.apiBase() + "/keys/" + f.ekm.keyId + "/decrypt",
            f.ekm.token(),
            Map.of(
                "iv", enc.encodeToString(java.util.Arrays.copyOfRange(blob, 5, 17)),
                "ciphertext", enc.encodeToString(java.util.Arrays.copyOfRange(blob, 17, n - 16)),
                "tag", enc.encodeToString(java.util.Arrays.copyOfRange(blob, n - 16, n)),
                "aad", enc.encodeToString(gcmAad),
                "mode", "AES_GCM",
                "keyVersionId", version));
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    assertThat(Base64.getDecoder().decode(a.body().path("plaintext").asText()))
        .isEqualTo(bytes("format"));
  }
}
