package io.ekms.it.ekm;

import static io.ekms.it.ekm.GcpStore.KEY_PATH;
import static io.ekms.it.ekm.GcpStore.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.stack.LoopbackStack;
import io.ekms.testing.AuditOutage;
import io.ekms.testing.Await;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every row of the Cloud EKM error table, over HTTPS, with the gRPC code in the body. One stack
 * serves the class; the test that breaks the audit store has its own.
 */
class GcpErrorTableTest {
  static LoopbackStack stack;
  static TestIssuer google;
  static GcpStore f;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("gcp-errors-")).start();
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

  RawHttps.Answer wrapRaw(String body) throws Exception {
    return f.ekm.api.send("POST", KEY_PATH + ":wrap", f.idToken().sign(), body);
  }

  @Test
  void malformedBodies_invalidArgument() throws Exception {
    for (String body :
        List.of(
            "{",
            "[]",
            "null",
            "{\"keyPath\":\"v0/keys/payments\"}",
            "{\"keyPath\":\"v0/keys/payments\",\"plaintext\":\"***\"}",
            "{\"keyPath\":\"v0/keys/payments\",\"plaintext\":17}",
            "{\"keyPath\":\"v0/keys/payments\",\"plaintext\":\"AA==\",\"key_path\":\"x\"}",
            "{\"keyPath\":\"v0/keys/payments\",\"plaintext\":\"AA==\",\"additionalContext\":3}",
            "{\"keyPath\":\"v0/keys/payments\",\"plaintext\":\"AA==\","
                + "\"additionalContext\":{\"isKeyHealthCheck\":\"maybe\"}}")) {
      expect(wrapRaw(body), 400, 3);
    }
  }

  @Test
  void keyPathOfAnotherKey_invalidArgument() throws Exception {
    Map<String, Object> body = GcpStore.wrapBody(bytes("x"), null, null);
    body.put("keyPath", "v0/keys/other");
    expect(f.ekm.api.post(KEY_PATH + ":wrap", f.idToken().sign(), body), 400, 3);
    body.remove("keyPath");
    expect(f.ekm.api.post(KEY_PATH + ":wrap", f.idToken().sign(), body), 400, 3);
  }

  @Test
  void plaintextOver64KiB_invalidArgument() throws Exception {
    expect(f.wrap(new byte[64 * 1024 + 1], null), 400, 3);
  }

  @Test
  void aadOver64KiB_invalidArgument() throws Exception {
    expect(f.wrap(bytes("x"), new byte[64 * 1024 + 1]), 400, 3);
  }

  @Test
  void unwrap_everyTruncationAndBitFlipOfARealBlob_invalidArgument() throws Exception {
    byte[] blob = Base64.getDecoder().decode(f.wrapOk(bytes("k"), bytes("aad")));
    String token = f.idToken().sign();
    List<byte[]> tampered = new java.util.ArrayList<>();
    for (int len = 1; len < blob.length; len++) {
      tampered.add(java.util.Arrays.copyOf(blob, len));
    }
    for (int bit = 0; bit < blob.length * 8; bit++) {
      byte[] flipped = blob.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      tampered.add(flipped);
    }
    for (byte[] t : tampered) {
      var a =
          f.ekm.api.post(
              KEY_PATH + ":unwrap",
              token,
              GcpStore.unwrapBody(Base64.getEncoder().encodeToString(t), bytes("aad")));
      expect(a, 400, 3);
    }
    assertThat(tampered).hasSize(blob.length - 1 + blob.length * 8);
  }

  @Test
  void unwrap_wrongAadOrTamperedBlob_invalidArgument() throws Exception {
    String blob = f.wrapOk(bytes("dek"), bytes("aad"));
    expect(f.unwrap(blob, bytes("other")), 400, 3);
    expect(f.unwrap(blob, null), 400, 3);
    byte[] tampered = Base64.getDecoder().decode(blob);
    tampered[tampered.length - 1] ^= 1;
    expect(f.unwrap(Base64.getEncoder().encodeToString(tampered), bytes("aad")), 400, 3);
    expect(f.unwrap(Base64.getEncoder().encodeToString(new byte[10]), bytes("aad")), 400, 3);
  }

  @Test
  void missingOrInvalidToken_unauthenticated() throws Exception {
    Map<String, Object> body = GcpStore.wrapBody(bytes("x"), null, null);
    expect(f.ekm.api.post(KEY_PATH + ":wrap", null, body), 401, 16);
    expect(f.ekm.api.post(KEY_PATH + ":wrap", "not.a.jwt", body), 401, 16);
  }

  @Test
  void serviceAccountNotAllowed_permissionDenied() throws Exception {
    String other = "service-999@gcp-sa-ekms.iam.gserviceaccount.com";
    var a =
        f.ekm.api.post(
            KEY_PATH + ":wrap",
            f.idToken().claim("email", other).sign(),
            GcpStore.wrapBody(bytes("x"), null, null));
    expect(a, 403, 7);
    assertThat(a.body().path("details")).isEmpty();
  }

  @Test
  void keyDisabled_thenVaultBlocked_permissionDenied() throws Exception {
    String keyId = f.ekm.createKey("gcp-disable", List.of("ENCRYPT", "DECRYPT"));
    f.expose(f.storeId, "to-disable", keyId);
    String path = "/" + GcpStore.PREFIX + "/v0/keys/to-disable:wrap";
    Map<String, Object> body = GcpStore.wrapBody(bytes("x"), null, null);
    body.put("keyPath", "v0/keys/to-disable");
    assertThat(f.ekm.api.post(path, f.idToken().sign(), body).status()).isEqualTo(200);
    var disabled =
        f.ekm
            .adminRaw()
            .post(
                "/admin/v1/vaults/" + f.ekm.vaultId + "/keys/" + keyId + "/disable",
                f.ekm.adminToken(),
                Map.of());
    assertThat(disabled.status()).as(disabled.body().toString()).isBetween(200, 204);
    expect(f.ekm.api.post(path, f.idToken().sign(), body), 403, 7);
  }

  @Test
  void unknownKeyNameOrPathOrMethod_notFound() throws Exception {
    Map<String, Object> body = GcpStore.wrapBody(bytes("x"), null, null);
    body.put("keyPath", "v0/keys/nope");
    String token = f.idToken().sign();
    expect(f.ekm.api.post("/gcp/p1/v0/keys/nope:wrap", token, body), 404, 5);
    expect(f.ekm.api.post("/gcp/other/v0/keys/payments:wrap", token, body), 404, 5);
    expect(f.ekm.api.get(KEY_PATH + ":wrap", token), 404, 5);
    expect(f.ekm.api.post("/gcp/p1/v0/keys/bad%20name:wrap", token, body), 404, 5);
    expect(f.ekm.api.post("/gcp/p1/v0/keys/payments:sign", token, body), 404, 5);
  }

  @Test
  void overKeyStoreRate_resourceExhausted() throws Exception {
    String store = f.createStore("slow", "gcp/slow", 1);
    f.addServiceAccount(store, GcpStore.SA);
    int throttled = 0;
    for (int i = 0; i < 4; i++) {
      var a = f.ekm.api.get("/gcp/slow/v0/info", f.idToken().sign());
      if (a.status() == 429) {
        expect(a, 429, 8);
        throttled++;
      }
    }
    assertThat(throttled).isPositive();
  }

  @Test
  void auditStoreDown_unavailableNeverPermissionDenied() throws Exception {
    try (LoopbackStack own = LoopbackStack.builder(TempDirs.create("gcp-audit-")).start()) {
      GcpStore f = new GcpStore(EkmVault.ofIdentity(own), google);
      AuditOutage outage = AuditOutage.of(own.dataDir().resolve("ekm"));
      try {
        expect(
            Await.answer("a wrap refused", () -> f.wrap(bytes("x"), null), a -> a.status() != 200),
            503,
            14);
      } finally {
        outage.close();
      }
      Await.until("the EKM wraps again", () -> f.wrap(new byte[1], null).status() == 200);
    }
  }

  @Test
  void issuerKeysUnreachable_unavailableNeverUnauthenticatedOrDenied() throws Exception {
    var a =
        f.ekm
            .adminRaw()
            .post(
                "/admin/v1/gcp/keystores",
                f.ekm.adminToken(),
                new HashMap<>(
                    Map.of(
                        "name", "dark",
                        "uriPrefix", "gcp/dark",
                        "issuer", f.google.issuer(),
                        "jwksUrl", "https://127.0.0.1:1/jwks",
                        "audiences", List.of(GcpStore.AUDIENCE))));
    assertThat(a.status()).as(a.body().toString()).isEqualTo(201);
    f.addServiceAccount(a.body().path("id").asText(), GcpStore.SA);
    expect(f.ekm.api.get("/gcp/dark/v0/info", f.idToken().sign()), 503, 14);
  }
}
