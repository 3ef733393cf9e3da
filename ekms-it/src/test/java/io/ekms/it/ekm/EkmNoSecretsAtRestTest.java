package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.crypto.Randoms;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.AuditChains;
import io.ekms.testing.LogCapture;
import io.ekms.testing.SecretScan;
import io.ekms.testing.SoftwareKeystoreReader;
import io.ekms.testing.TempDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Invariants 1 and 5 (docs/architecture.md): after real traffic, the EKM's database file, audit
 * JSON lines and logs hold no plaintext, no AAD, no key bytes, no master key and no admin token, in
 * any common encoding.
 */
class EkmNoSecretsAtRestTest {
  @Test
  void databaseAuditAndLogs_afterTraffic_holdNoSecrets() throws Exception {
    String marker = "PLAINTEXT-" + Randoms.hex(16);
    String aad = "AAD-" + Randoms.hex(16);
    List<byte[]> secrets = new ArrayList<>();
    String logs;
    LoopbackStack stack;
    EkmVault f;
    try (LogCapture capture = new LogCapture()) {
      stack = LoopbackStack.builder(TempDirs.create("ekm-at-rest-")).start();
      f = EkmVault.ofIdentity(stack);
      var ct = f.encrypt(f.keyId, marker, aad);
      assertThat(f.decrypt(f.keyId, ct, aad).status()).isEqualTo(200);
      assertThat(f.decrypt(f.keyId, ct, "wrong").status()).isEqualTo(400);
      String b64 = EkmVault.b64(marker);
      f.api.send(
          "POST",
          f.apiBase() + "/keys/" + f.keyId + "/encrypt",
          f.token(),
          "{\"plaintext\":\"" + b64 + "\", broken");
      f.api.send(
          "POST",
          f.apiBase() + "/keys/" + f.keyId + "/encrypt",
          "bad." + b64 + ".x",
          "{\"plaintext\":\"" + b64 + "\"}");
      f.admin().keyAction(f.vaultId, f.keyId, "rotate");
      stack.close();
      logs = capture.text();
    }
    Path ekm = stack.dataDir().resolve("ekm");
    secrets.add(marker.getBytes(StandardCharsets.UTF_8));
    secrets.add(aad.getBytes(StandardCharsets.UTF_8));
    secrets.add(f.adminToken().getBytes(StandardCharsets.US_ASCII));
    secrets.add(Files.readAllBytes(ekm.resolve("master.key")));
    List<byte[]> keys =
        SoftwareKeystoreReader.keyBytes(
            ekm.resolve("master.key"), stack.ekmConfig().database().jdbcUrl());
    assertThat(keys).hasSizeGreaterThanOrEqualTo(2);
    secrets.addAll(keys);
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(6);

    List<byte[]> haystacks =
        List.of(
            Files.readAllBytes(ekm.resolve("ekm.mv.db")),
            AuditChains.bytes(ekm),
            Files.readAllBytes(ekm.resolve("audit.jsonl")),
            logs.getBytes(StandardCharsets.UTF_8));
    SecretScan.assertAbsent(secrets, haystacks);
    // Positive controls: the haystacks are the real files and hold what they should.
    byte[] keyId = f.keyId.getBytes(StandardCharsets.US_ASCII);
    assertThat(SecretScan.indexOf(haystacks.get(0), keyId)).isNotEqualTo(-1);
    assertThat(SecretScan.indexOf(haystacks.get(1), keyId)).isNotEqualTo(-1);
    assertThat(logs).contains("bound for socket");
  }
}
