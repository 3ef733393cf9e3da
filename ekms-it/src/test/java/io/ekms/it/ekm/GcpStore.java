package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TestIssuer;
import io.ekms.testing.TestTokenBuilder;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Google key store of a stack's EKM under prefix {@code gcp/p1}, made through the admin API: a
 * test issuer stands in for Google (its tokens are shaped like Google's ID tokens), one allowed
 * service account, and the vault's key exposed as {@code payments}; and the Cloud EKM calls the
 * tests make.
 */
final class GcpStore {
  static final String PREFIX = "gcp/p1";
  static final String KEY = "payments";
  static final String KEY_PATH = "/" + PREFIX + "/v0/keys/" + KEY;
  static final String AUDIENCE = "https://ekm.example.test/gcp";
  static final String SA = "service-123456789@gcp-sa-ekms.iam.gserviceaccount.com";

  final EkmVault ekm;
  final TestIssuer google;
  final String storeId;

  GcpStore(EkmVault ekm, TestIssuer google) throws Exception {
    this.ekm = ekm;
    this.google = google;
    storeId = createStore("p1", PREFIX, 0);
    assertThat(addServiceAccount(storeId, SA).status()).isEqualTo(201);
    expose(storeId, KEY, ekm.keyId);
  }

  String createStore(String name, String prefix, int rate) throws Exception {
    var a =
        ekm.adminRaw()
            .post(
                "/admin/v1/gcp/keystores",
                ekm.adminToken(),
                Map.of(
                    "name", name,
                    "uriPrefix", prefix,
                    "issuer", google.issuer(),
                    "jwksUrl", google.jwksUri(),
                    "caBundlePem", google.caPem(),
                    "audiences", List.of(AUDIENCE),
                    "ratePerSecond", rate));
    assertThat(a.status()).as(a.body().toString()).isEqualTo(201);
    return a.body().path("id").asText();
  }

  RawHttps.Answer addServiceAccount(String store, String email) throws Exception {
    return ekm.adminRaw()
        .post(
            "/admin/v1/gcp/keystores/" + store + "/service-accounts",
            ekm.adminToken(),
            Map.of("email", email));
  }

  void expose(String store, String name, String keyId) throws Exception {
    var a =
        ekm.adminRaw()
            .send(
                "PUT",
                "/admin/v1/gcp/keystores/" + store + "/keys/" + name,
                ekm.adminToken(),
                Json.writeString(Map.of("vaultId", ekm.vaultId, "keyId", keyId)));
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
  }

  RawHttps.Answer denyReasons(String... reasons) throws Exception {
    return ekm.adminRaw()
        .send(
            "PUT",
            "/admin/v1/gcp/keystores/" + storeId + "/denied-reasons",
            ekm.adminToken(),
            Json.writeString(Map.of("deniedReasons", List.of(reasons))));
  }

  /** A token shaped like Google's ID token of the Cloud KMS service agent, valid by default. */
  TestTokenBuilder idToken() {
    return google
        .token()
        .clientId(null)
        .scope(null)
        .subject("112233445566778899000")
        .audience(AUDIENCE)
        .claim("azp", SA)
        .claim("email", SA)
        .claim("email_verified", true);
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static Map<String, Object> wrapBody(byte[] plaintext, byte[] aad, String reason) {
    Map<String, Object> body = new HashMap<>();
    body.put("keyPath", "v0/keys/" + KEY);
    body.put("plaintext", b64(plaintext));
    if (aad != null) {
      body.put("additionalAuthenticatedData", b64(aad));
    }
    if (reason != null) {
      body.put(
          "additionalContext",
          Map.of(
              "fullResourceName",
              "projects/p/locations/l/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1",
              "accessReasonContext",
              Map.of("reason", reason)));
    }
    return body;
  }

  static Map<String, Object> unwrapBody(String blob, byte[] aad) {
    Map<String, Object> body = new HashMap<>();
    body.put("keyPath", "v0/keys/" + KEY);
    body.put("wrappedBlob", blob);
    if (aad != null) {
      body.put("additionalAuthenticatedData", b64(aad));
    }
    body.put(
        "additionalContext",
        Map.of("accessReasonContext", Map.of("reason", "CUSTOMER_INITIATED_ACCESS")));
    return body;
  }

  RawHttps.Answer wrap(byte[] plaintext, byte[] aad) throws Exception {
    return ekm.api.post(
        KEY_PATH + ":wrap",
        idToken().sign(),
        wrapBody(plaintext, aad, "CUSTOMER_INITIATED_ACCESS"));
  }

  RawHttps.Answer unwrap(String blob, byte[] aad) throws Exception {
    return ekm.api.post(KEY_PATH + ":unwrap", idToken().sign(), unwrapBody(blob, aad));
  }

  /** Wraps and expects success; the blob as sent back. */
  String wrapOk(byte[] plaintext, byte[] aad) throws Exception {
    var a = wrap(plaintext, aad);
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    return a.body().path("wrappedBlob").asText();
  }

  static void expect(RawHttps.Answer a, int status, int grpcCode) {
    JsonNode body = a.body();
    assertThat(a.status()).as(body.toString()).isEqualTo(status);
    assertThat(body.path("code").asInt()).as(body.toString()).isEqualTo(grpcCode);
    assertThat(body.path("message").asText()).isNotEmpty();
  }
}
