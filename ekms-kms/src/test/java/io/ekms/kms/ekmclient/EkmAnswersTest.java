package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.kms.external.ExternalVault.KeyInfo;
import io.ekms.kms.external.ExternalVault.Sealed;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every answer field is checked: one tampering per case, each refused as malformed. */
class EkmAnswersTest {
  static final EkmCall ENCRYPT = new EkmCall("Encrypt", "vlt-1", "key-1", null);
  static final EkmCall DECRYPT = new EkmCall("Decrypt", "vlt-1", "key-1", "kv-1");
  static final EkmCall KEY = new EkmCall("GetKeyMetadata", "vlt-1", "key-1", null);
  static final EkmCall VERSION = new EkmCall("GetKeyVersionMetadata", "vlt-1", "key-1", "kv-1");
  static final String CT3 = "AAAA";
  static final String IV = b64(12);
  static final String TAG = b64(16);

  static String encryptAnswer(String ct, String iv, String tag, String mode, String key) {
    return "{\"ciphertext\":\"%s\",\"iv\":\"%s\",\"tag\":\"%s\",\"mode\":\"%s\",\"keyId\":\"%s\",\"keyVersionId\":\"kv-1\"}"
        .formatted(ct, iv, tag, mode, key);
  }

  @Test
  void encrypted_wellFormed_isAccepted() throws Exception {
    Sealed r =
        EkmAnswers.encrypted(ENCRYPT, bytes(encryptAnswer(CT3, IV, TAG, "AES_GCM", "key-1")), 3);

    assertThat(r.ciphertext()).hasSize(3);
    assertThat(r.externalVersionId()).isEqualTo("kv-1");
    assertThat(r.toString()).contains("3 bytes").doesNotContain(CT3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "short iv",
        "long tag",
        "bad base64",
        "ciphertext longer than plaintext",
        "other mode",
        "other key",
        "not json",
        "array",
        "missing iv"
      })
  void encrypted_tampered_isMalformed(String tampering) {
    String body =
        switch (tampering) {
          case "short iv" -> encryptAnswer(CT3, b64(8), TAG, "AES_GCM", "key-1");
          case "long tag" -> encryptAnswer(CT3, IV, b64(17), "AES_GCM", "key-1");
          case "bad base64" -> encryptAnswer("A*AA", IV, TAG, "AES_GCM", "key-1");
          case "ciphertext longer than plaintext" ->
              encryptAnswer(b64(4), IV, TAG, "AES_GCM", "key-1");
          case "other mode" -> encryptAnswer(CT3, IV, TAG, "AES_CBC", "key-1");
          case "other key" -> encryptAnswer(CT3, IV, TAG, "AES_GCM", "key-2");
          case "not json" -> "<html>";
          case "array" -> "[]";
          case "missing iv" ->
              encryptAnswer(CT3, IV, TAG, "AES_GCM", "key-1").replace("\"iv\"", "\"x\"");
          default -> throw new IllegalArgumentException(tampering);
        };

    assertThatThrownBy(() -> EkmAnswers.encrypted(ENCRYPT, bytes(body), 3))
        .isInstanceOf(AnswerJson.Malformed.class);
  }

  @Test
  void decrypted_wellFormed_returnsOwnedPlaintext() throws Exception {
    String body = "{\"plaintext\":\"aGk=\",\"keyId\":\"key-1\",\"keyVersionId\":\"kv-1\"}";

    try (SecretBytes r = EkmAnswers.decrypted(DECRYPT, bytes(body), 2)) {
      assertThat(r.contentEquals("hi".getBytes(UTF_8))).isTrue();
      assertThat(r.toString()).doesNotContain("hi,").contains("[REDACTED]");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"plaintext\":\"aGk=\",\"keyId\":\"key-1\",\"keyVersionId\":\"kv-2\"}",
        "{\"plaintext\":\"aGk=\",\"keyId\":\"key-9\",\"keyVersionId\":\"kv-1\"}",
        "{\"plaintext\":\"aGkh\",\"keyId\":\"key-1\",\"keyVersionId\":\"kv-1\"}",
        "{\"plaintext\":\"a*k=\",\"keyId\":\"key-1\",\"keyVersionId\":\"kv-1\"}",
        "{\"plaintext\":\"aGk\",\"keyId\":\"key-1\",\"keyVersionId\":\"kv-1\"}",
        "{\"plaintext\":\"aGk=\",\"plaintext\":\"aGk=\",\"keyId\":\"key-1\",\"keyVersionId\":\"kv-1\"}",
        "{\"keyId\":\"key-1\",\"keyVersionId\":\"kv-1\"}",
        "{\"plaintext\":\"aGk=\",\"keyId\":\"key-1\",\"keyVersionId\":\"kv-1\"} {}"
      })
  void decrypted_tampered_isMalformedAndNamesNoValue(String body) {
    assertThatThrownBy(() -> EkmAnswers.decrypted(DECRYPT, bytes(body), 2))
        .isInstanceOf(AnswerJson.Malformed.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("aGk").doesNotContain("a*k"));
  }

  @Test
  void random_lengthsAgree_returnsTheBytes() throws Exception {
    try (SecretBytes r =
        EkmAnswers.random(bytes("{\"randomBytes\":\"" + b64(5) + "\",\"length\":5}"), 5)) {
      assertThat(r.length()).isEqualTo(5);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"randomBytes\":\"AAAA\",\"length\":5}",
        "{\"length\":5}",
        "{\"randomBytes\":\"AAAAAAA=\"}"
      })
  void random_wrongLength_isMalformed(String body) {
    assertThatThrownBy(() -> EkmAnswers.random(bytes(body), 5))
        .isInstanceOf(AnswerJson.Malformed.class);
  }

  @Test
  void key_wellFormed_isChecked() throws Exception {
    KeyInfo key = EkmAnswers.key(KEY, bytes(keyAnswer("AES", 256, "ACTIVE", "key-1")));

    assertThat(key.ops()).containsExactlyInAnyOrder("ENCRYPT", "DECRYPT");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "RSA/256/ACTIVE/key-1",
        "AES/512/ACTIVE/key-1",
        "AES/256/PAUSED/key-1",
        "AES/256/ACTIVE/key-2"
      })
  void key_tampered_isMalformed(String tampering) {
    String[] t = tampering.split("/");
    String body = keyAnswer(t[0], Integer.parseInt(t[1]), t[2], t[3]);

    assertThatThrownBy(() -> EkmAnswers.key(KEY, bytes(body)))
        .isInstanceOf(AnswerJson.Malformed.class);
  }

  @Test
  void version_otherVersion_isMalformed() {
    String body =
        "{\"keyId\":\"key-1\",\"keyVersionId\":\"kv-2\",\"state\":\"ACTIVE\",\"keyVersionOps\":[]}";

    assertThatThrownBy(() -> EkmAnswers.version(VERSION, bytes(body)))
        .isInstanceOf(AnswerJson.Malformed.class)
        .hasMessageContaining("keyVersionId");
  }

  @Test
  void vault_unknownState_isMalformed() {
    assertThatThrownBy(() -> EkmAnswers.vault(bytes("{\"state\":\"GONE\",\"vendor\":\"x\"}")))
        .isInstanceOf(AnswerJson.Malformed.class);
  }

  static String keyAnswer(String alg, int bits, String state, String keyId) {
    return "{\"keyId\":\"%s\",\"currentKeyVersionId\":\"kv-1\",\"keyShape\":{\"algorithm\":\"%s\",\"length\":%d},\"state\":\"%s\",\"keyOps\":[\"DECRYPT\",\"ENCRYPT\"]}"
        .formatted(keyId, alg, bits, state);
  }

  static String b64(int length) {
    return Base64.getEncoder().encodeToString(new byte[length]);
  }

  static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }
}
