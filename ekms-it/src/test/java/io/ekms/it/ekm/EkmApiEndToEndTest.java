package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives every EKM API operation over HTTPS with real tokens from the stack's identity server. One
 * stack serves the class; the restart test has its own.
 */
class EkmApiEndToEndTest {
  static LoopbackStack stack;
  static EkmVault f;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("ekm-api-")).start();
    f = EkmVault.ofIdentity(stack);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  static String b64(String s) {
    return EkmVault.b64(s);
  }

  static JsonNode encrypt(String keyId, String plaintext, String aad) throws Exception {
    return f.encrypt(keyId, plaintext, aad);
  }

  static RawHttps.Answer decrypt(String keyId, JsonNode ct, String aad) throws Exception {
    return f.decrypt(keyId, ct, aad);
  }

  @Test
  void encryptDecrypt_withAndWithoutAad_roundTrips() throws Exception {
    for (String aad : new String[] {null, "context=a"}) {
      JsonNode ct = encrypt(f.keyId, "hello ekm", aad);
      assertThat(ct.path("mode").asText()).isEqualTo("AES_GCM");
      assertThat(Base64.getDecoder().decode(ct.path("iv").asText())).hasSize(12);
      assertThat(Base64.getDecoder().decode(ct.path("tag").asText())).hasSize(16);
      var pt = decrypt(f.keyId, ct, aad);
      assertThat(pt.status()).isEqualTo(200);
      assertThat(pt.body().path("plaintext").asText()).isEqualTo(b64("hello ekm"));
    }
  }

  @Test
  void decrypt_wrongAad_failsWithFixedMessage() throws Exception {
    JsonNode ct = encrypt(f.keyId, "secret", "a");
    var answer = decrypt(f.keyId, ct, "b");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("DecryptionFailed");
    assertThat(answer.body().path("message").asText())
        .isEqualTo("The ciphertext could not be authenticated.");
  }

  @Test
  void metadata_allThree_answerAsSpecified() throws Exception {
    var vault = f.api.get(f.apiBase() + "/metadata", f.token());
    assertThat(vault.status()).isEqualTo(200);
    assertThat(vault.body().path("state").asText()).isEqualTo("ACTIVE");
    assertThat(vault.body().path("vendor").asText()).isEqualTo("ekms");
    var key = f.api.get(f.apiBase() + "/keys/" + f.keyId + "/metadata", f.token()).body();
    assertThat(key.path("keyShape").path("algorithm").asText()).isEqualTo("AES");
    assertThat(key.path("keyShape").path("length").asInt()).isEqualTo(256);
    assertThat(key.path("keyOps").toString()).isEqualTo("[\"DECRYPT\",\"ENCRYPT\"]");
    String v = key.path("currentKeyVersionId").asText();
    var version =
        f.api.get(f.apiBase() + "/keys/" + f.keyId + "/keyVersions/" + v + "/metadata", f.token());
    assertThat(version.status()).isEqualTo(200);
    assertThat(version.body().path("state").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void generateRandomBytes_validLength_returns201() throws Exception {
    var answer = f.api.post(f.apiBase() + "/generateRandomBytes", f.token(), Map.of("length", 48));
    assertThat(answer.status()).isEqualTo(201);
    assertThat(Base64.getDecoder().decode(answer.body().path("randomBytes").asText())).hasSize(48);
  }

  @Test
  void requestId_isEchoed() throws Exception {
    var answer = f.api.get(f.apiBase() + "/metadata", f.token());
    assertThat(answer.requestId()).startsWith("test-");
  }

  @Test
  void rotation_oldCiphertextStillDecrypts_destroyedVersionFailsForGood() throws Exception {
    String key = f.createKey("rotating", List.of("ENCRYPT", "DECRYPT"));
    JsonNode old = encrypt(key, "before rotation", null);
    JsonNode rotated = f.admin().keyAction(f.vaultId, key, "rotate");
    JsonNode fresh = encrypt(key, "after rotation", null);
    assertThat(fresh.path("keyVersionId").asText())
        .isEqualTo(rotated.path("id").asText())
        .isNotEqualTo(old.path("keyVersionId").asText());
    assertThat(decrypt(key, old, null).status()).isEqualTo(200);
    assertThat(decrypt(key, fresh, null).status()).isEqualTo(200);
    f.admin().versionAction(f.vaultId, key, old.path("keyVersionId").asText(), "destroy");
    assertThat(decrypt(key, old, null).status()).isEqualTo(404);
    assertThat(decrypt(key, fresh, null).status()).isEqualTo(200);
  }

  @Test
  void disabledKey_refusesTheVeryNextRequest_andEnableRestores() throws Exception {
    String key = f.createKey("switch", List.of("ENCRYPT", "DECRYPT"));
    JsonNode ct = encrypt(key, "x", null);
    f.admin().keyAction(f.vaultId, key, "disable");
    var refused = decrypt(key, ct, null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("KeyDisabled");
    f.admin().keyAction(f.vaultId, key, "enable");
    assertThat(decrypt(key, ct, null).status()).isEqualTo(200);
  }

  @Test
  void blockedVault_refusesTheVeryNextRequest() throws Exception {
    JsonNode ct = encrypt(f.keyId, "x", null);
    f.admin().vaultAction(f.vaultId, "block");
    try {
      var refused = decrypt(f.keyId, ct, null);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.code()).isEqualTo("VaultBlocked");
    } finally {
      f.admin().vaultAction(f.vaultId, "unblock");
    }
    assertThat(decrypt(f.keyId, ct, null).status()).isEqualTo(200);
  }

  @Test
  void restart_ciphertextsFromBeforeStillDecrypt() throws Exception {
    try (LoopbackStack own = LoopbackStack.builder(TempDirs.create("ekm-restart-")).start()) {
      EkmVault v = EkmVault.ofIdentity(own);
      JsonNode ct = v.encrypt(v.keyId, "durable", null);
      own.stopEkm();
      own.startEkm();
      assertThat(v.decrypt(v.keyId, ct, null).status()).isEqualTo(200);
    }
  }
}
