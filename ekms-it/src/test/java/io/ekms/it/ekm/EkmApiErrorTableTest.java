package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each 4xx row of docs/protocols/ekm-api.md's error table, over HTTPS, on a vault bound to a test
 * issuer that mints the wrong tokens too.
 */
class EkmApiErrorTableTest {
  static LoopbackStack stack;
  static TestIssuer issuer;
  static EkmVault f;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("ekm-errors-")).start();
    issuer = TestIssuer.start();
    f = EkmVault.ofIssuer(stack, issuer);
  }

  @AfterAll
  static void stop() {
    stack.close();
    issuer.close();
  }

  RawHttps.Answer encryptRaw(String keyId, String body) throws Exception {
    return f.api.send("POST", f.apiBase() + "/keys/" + keyId + "/encrypt", f.token(), body);
  }

  @Test
  void badInput_eachKind_is400InvalidRequest() throws Exception {
    String big = EkmVault.b64("x".repeat(65_537));
    for (String body :
        List.of(
            "{not json",
            "{\"plaintext\":\"***\"}",
            "{}",
            "{\"plaintext\":\"\"}",
            "{\"plaintext\":\"" + big + "\"}",
            "{\"plaintext\":\"aGk=\",\"aad\":\"" + EkmVault.b64("a".repeat(8193)) + "\"}",
            "{\"plaintext\":\"aGk=\",\"plaintext\":\"aGk=\"}",
            "[1,2]")) {
      var answer = encryptRaw(f.keyId, body);
      assertThat(answer.status())
          .as(body.length() > 80 ? body.substring(0, 80) : body)
          .isEqualTo(400);
      assertThat(answer.code()).isEqualTo("InvalidRequest");
    }
  }

  @Test
  void decrypt_unknownModeOrBadIv_is400() throws Exception {
    var base =
        Map.of(
            "ciphertext",
            "aGk=",
            "iv",
            "AAAAAAAAAAAAAAAA",
            "tag",
            "AAAAAAAAAAAAAAAAAAAAAA==",
            "keyVersionId",
            "kv-00000000000000000000000000000000");
    var badMode = new java.util.HashMap<String, Object>(base);
    badMode.put("mode", "AES_CBC");
    var answer = f.api.post(f.apiBase() + "/keys/" + f.keyId + "/decrypt", f.token(), badMode);
    assertThat(answer.status()).isEqualTo(400);
    var badIv = new java.util.HashMap<String, Object>(base);
    badIv.put("mode", "AES_GCM");
    badIv.put("iv", "AAAA");
    answer = f.api.post(f.apiBase() + "/keys/" + f.keyId + "/decrypt", f.token(), badIv);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("message").asText()).contains("iv");
  }

  @Test
  void token_missingOrWrongScope_is401() throws Exception {
    assertThat(f.api.get(f.apiBase() + "/metadata", null).status()).isEqualTo(401);
    String noScope =
        issuer
            .token()
            .clientId(EkmVault.CLIENT)
            .audience(stack.ekmAudience())
            .scope("other")
            .expiresIn(Duration.ofMinutes(5))
            .sign();
    var answer = f.api.get(f.apiBase() + "/metadata", noScope);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.code()).isEqualTo("InvalidToken");
  }

  @Test
  void otherClient_is403() throws Exception {
    String other =
        issuer
            .token()
            .clientId("someone-else")
            .audience(stack.ekmAudience())
            .scope("oci_ekms")
            .expiresIn(Duration.ofMinutes(5))
            .sign();
    var answer = f.api.get(f.apiBase() + "/metadata", other);
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.code()).isEqualTo("ClientNotAuthorized");
  }

  @Test
  void operationNotInKeyOps_is403() throws Exception {
    String encryptOnly = f.createKey("enc-only", List.of("ENCRYPT"));
    var ct = f.encrypt(encryptOnly, "x", null);
    var answer = f.decrypt(encryptOnly, ct, null);
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.code()).isEqualTo("OperationNotPermitted");
  }

  @Test
  void unknownVaultKeyVersionOrDeletedKey_is404() throws Exception {
    String t = f.token();
    assertThat(
            f.api
                .get("/oci/ekm/v1/vaults/vlt-00000000000000000000000000000000/metadata", t)
                .status())
        .isEqualTo(404);
    String unknownKey = "key-" + "0".repeat(32);
    String unknownVersion = "kv-" + "0".repeat(32);
    assertThat(f.api.get(f.apiBase() + "/keys/" + unknownKey + "/metadata", t).status())
        .isEqualTo(404);
    assertThat(
            f.api
                .get(
                    f.apiBase()
                        + "/keys/"
                        + f.keyId
                        + "/keyVersions/"
                        + unknownVersion
                        + "/metadata",
                    t)
                .status())
        .isEqualTo(404);
    String doomed = f.createKey("doomed", List.of("ENCRYPT", "DECRYPT"));
    f.admin().keyAction(f.vaultId, doomed, "delete");
    var answer = f.api.get(f.apiBase() + "/keys/" + doomed + "/metadata", t);
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.code()).isEqualTo("NotFound");
  }

  /** An id that cannot be an EKM id is refused at the edge, before any lookup. */
  @Test
  void malformedIdInPath_is400InvalidRequest() throws Exception {
    String t = f.token();
    var nope = f.api.get(f.apiBase() + "/keys/nope/metadata", t);
    var longVault = f.api.get("/oci/ekm/v1/vaults/" + "v".repeat(300) + "/metadata", t);
    var nulVersion = f.api.get(f.apiBase() + "/keys/" + f.keyId + "/keyVersions/%00/metadata", t);

    assertThat(List.of(nope, longVault, nulVersion))
        .allSatisfy(
            a -> {
              assertThat(a.status()).isEqualTo(400);
              assertThat(a.code()).isEqualTo("InvalidRequest");
            });
  }

  @Test
  void adminApi_withoutToken_is401() throws Exception {
    assertThat(f.adminRaw().get("/admin/v1/vaults", null).status()).isEqualTo(401);
    assertThat(f.adminRaw().get("/admin/v1/vaults", "ekmsadm_wrong").status()).isEqualTo(401);
  }
}
