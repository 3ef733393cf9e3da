package io.ekms.it.ekm;

import static io.ekms.it.ekm.XksStore.AKID1;
import static io.ekms.it.ekm.XksStore.AKID2;
import static io.ekms.it.ekm.XksStore.BASE;
import static io.ekms.it.ekm.XksStore.SECRET1;
import static io.ekms.it.ekm.XksStore.SECRET2;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The caller-facing rows of the XKS error table, each provoked over HTTPS. */
class XksErrorTableTest {
  static LoopbackStack stack;
  static XksStore f;
  static final byte[] PT = "pt".getBytes(StandardCharsets.UTF_8);
  static final List<String> OPS =
      List.of("/health", "/keys/full/metadata", "/keys/full/encrypt", "/keys/full/decrypt");

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("xks-errors-")).start();
    f = new XksStore(EkmVault.ofIdentity(stack));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  static void expect(XksCurl.Answer a, int status, String errorName) {
    assertThat(a.status()).as(a.raw()).isEqualTo(status);
    assertThat(a.errorName()).as(a.raw()).isEqualTo(errorName);
    assertThat(a.raw()).doesNotContain("\n").matches("[\\x20-\\x7e]+");
    assertThat(a.body().path("errorMessage").asText().length()).isBetween(1, 511);
  }

  @Test
  void emptyBodyOrEmptyMetadata_everyOperation_validationException() throws Exception {
    for (String op : OPS) {
      expect(f.xks.send("POST", BASE + op, AKID1, SECRET1, "{}"), 400, "ValidationException");
      expect(
          f.xks.post(BASE + op, AKID1, SECRET1, Map.of("requestMetadata", Map.of())),
          400,
          "ValidationException");
    }
  }

  @Test
  void badFields_validationException() throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("requestMetadata", XksStore.metadata());
    body.put("plaintext", "not base64!");
    body.put("encryptionAlgorithm", "AES_GCM");
    expect(
        f.xks.post(BASE + "/keys/full/encrypt", AKID1, SECRET1, body), 400, "ValidationException");
    body.put("plaintext", XksStore.b64("x"));
    body.put("encryptionAlgorithm", "RSAES_OAEP_SHA_256");
    expect(
        f.xks.post(BASE + "/keys/full/encrypt", AKID1, SECRET1, body), 400, "ValidationException");
  }

  @Test
  void unknownKmsOperationAndMetadataFields_accepted_kmsRequestIdAudited() throws Exception {
    Map<String, Object> md = new HashMap<>(XksStore.metadata());
    md.put("kmsOperation", "SomeOperationOf2030");
    md.put("kmsRequestId", "f00dfeed-1234-4321-8888-000011112222");
    var a = f.xks.post(BASE + "/keys/full/metadata", AKID1, SECRET1, Map.of("requestMetadata", md));
    assertThat(a.status()).as(a.raw()).isEqualTo(200);
    var audit = f.ekm.admin().audit("f00dfeed-1234-4321-8888-000011112222");
    assertThat(audit.toString()).contains("XksGetKeyMetadata").contains("xks:ks1:" + AKID1);
  }

  @Test
  void disabledKey_invalidStateException_metadataDisabled() throws Exception {
    f.ekm.admin().keyAction(f.ekm.vaultId, f.ekm.keyId, "disable");
    try {
      expect(f.encrypt("full", PT, null, false), 400, "InvalidStateException");
      var md =
          f.xks.post(
              BASE + "/keys/full/metadata",
              AKID1,
              SECRET1,
              Map.of("requestMetadata", XksStore.metadata()));
      assertThat(md.body().path("keyStatus").asText()).isEqualTo("DISABLED");
    } finally {
      f.ekm.admin().keyAction(f.ekm.vaultId, f.ekm.keyId, "enable");
    }
  }

  @Test
  void blockedVault_accessDeniedException() throws Exception {
    f.ekm.admin().vaultAction(f.ekm.vaultId, "block");
    try {
      expect(f.encrypt("full", PT, null, false), 403, "AccessDeniedException");
    } finally {
      f.ekm.admin().vaultAction(f.ekm.vaultId, "unblock");
    }
  }

  @Test
  void tamperedTagOrWrongAad_invalidCiphertextException() throws Exception {
    var ct = f.encrypt("full", PT, "a".getBytes(StandardCharsets.UTF_8), false).body();
    expect(
        f.decrypt("full", ct, "b".getBytes(StandardCharsets.UTF_8), AKID1, SECRET1),
        400,
        "InvalidCiphertextException");
    var tampered = ct.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) tampered)
        .put("authenticationTag", XksStore.b64(new byte[16]));
    expect(
        f.decrypt("full", tampered, "a".getBytes(StandardCharsets.UTF_8), AKID1, SECRET1),
        400,
        "InvalidCiphertextException");
  }

  @Test
  void usageRestrictions_wrongUse_invalidKeyUsageException() throws Exception {
    var ct = f.encrypt("enc-only", PT, null, false);
    assertThat(ct.status()).isEqualTo(200);
    expect(f.decrypt("enc-only", ct.body(), null, AKID1, SECRET1), 400, "InvalidKeyUsageException");
    assertThat(f.decrypt("dec-only", ct.body(), null, AKID1, SECRET1).status()).isEqualTo(200);
    expect(f.encrypt("dec-only", PT, null, false), 400, "InvalidKeyUsageException");
    expect(f.encrypt("none", PT, null, false), 400, "InvalidKeyUsageException");
    expect(f.decrypt("none", ct.body(), null, AKID1, SECRET1), 400, "InvalidKeyUsageException");
    expect(f.encrypt("enc-only", PT, null, true), 400, "InvalidKeyUsageException");
  }

  @Test
  void badCredentials_authenticationFailedException() throws Exception {
    var body = Map.of("requestMetadata", XksStore.metadata());
    String path = BASE + "/keys/full/metadata";
    expect(
        f.xks.post(path, "AKIAUNKNOWNUNKNOWN234", SECRET1, body),
        401,
        "AuthenticationFailedException");
    expect(
        f.xks.post(path, "akia-weird/chars!", SECRET1, body), 401, "AuthenticationFailedException");
    expect(f.xks.post(path, AKID1, SECRET2, body), 401, "AuthenticationFailedException");
  }

  @Test
  void unknownKeyIdAndWrongSecret_answerExactlyAlike() throws Exception {
    var body = Map.of("requestMetadata", XksStore.metadata());
    String path = BASE + "/keys/full/metadata";
    var unknown = f.xks.post(path, "AKIAUNKNOWNUNKNOWN234", SECRET1, body);
    var wrongSecret = f.xks.post(path, AKID1, SECRET2, body);
    assertThat(unknown.status()).isEqualTo(wrongSecret.status()).isEqualTo(401);
    assertThat(unknown.raw()).isEqualTo(wrongSecret.raw());
  }

  @Test
  void credentialRemovedAndReadded_takesEffectWithoutRestart() throws Exception {
    var body = Map.of("requestMetadata", XksStore.metadata());
    String path = BASE + "/keys/full/metadata";
    f.ekm.admin().removeXksCredential(f.storeId, AKID1);
    expect(f.xks.post(path, AKID1, SECRET1, body), 401, "AuthenticationFailedException");
    assertThat(f.xks.post(path, AKID2, SECRET2, body).status()).isEqualTo(200);
    f.addCredential(f.storeId, AKID1, SECRET1);
    assertThat(f.xks.post(path, AKID1, SECRET1, body).status()).isEqualTo(200);
    String listed = f.ekm.admin().xksStores().toString();
    assertThat(listed).contains(AKID1).doesNotContain(SECRET1).doesNotContain(SECRET2);
  }
}
