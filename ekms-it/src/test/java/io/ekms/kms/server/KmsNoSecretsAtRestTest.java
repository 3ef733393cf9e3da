package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.keymanagement.model.GenerateKeyDetails;
import com.oracle.bmc.keymanagement.model.KeyShape;
import com.oracle.bmc.keymanagement.requests.GenerateDataEncryptionKeyRequest;
import io.ekms.core.crypto.Randoms;
import io.ekms.testing.AuditChains;
import io.ekms.testing.SecretScan;
import io.ekms.testing.SoftwareKeystoreReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Invariants 1 and 5 (docs/architecture.md) on the cloud side: after real traffic through the OCI
 * SDK, the KMS's database, audit lines and logs hold no plaintext, no DEK, no EKM key bytes, no
 * OAuth client secret and no admin token, in any common encoding.
 */
class KmsNoSecretsAtRestTest {
  @Test
  void kmsDatabaseAuditAndLogs_afterTraffic_holdNoSecrets() throws Exception {
    StringBuffer logs = new StringBuffer();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            logs.append(r.getMessage())
                .append(r.getThrown() == null ? "" : r.getThrown().toString())
                .append('\n');
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    String marker = "PLAINTEXT-" + Randoms.hex(16);
    byte[] dek;
    SdkWorld w = new SdkWorld();
    try {
      var key = w.newKey("secrets");
      String ct = w.encrypt(key.getId(), marker, Map.of("ctx", "v"));
      assertThat(w.decrypt(key.getId(), ct, Map.of("ctx", "v"))).isEqualTo(marker);
      dek =
          Base64.getDecoder()
              .decode(
                  w.crypto
                      .generateDataEncryptionKey(
                          GenerateDataEncryptionKeyRequest.builder()
                              .generateKeyDetails(
                                  GenerateKeyDetails.builder()
                                      .keyId(key.getId())
                                      .includePlaintextKey(true)
                                      .keyShape(
                                          KeyShape.builder()
                                              .algorithm(KeyShape.Algorithm.Aes)
                                              .length(32)
                                              .build())
                                      .build())
                              .build())
                      .getGeneratedKey()
                      .getPlaintext());
    } finally {
      w.close();
      root.removeHandler(capture);
    }
    List<byte[]> secrets =
        new ArrayList<>(
            List.of(
                marker.getBytes(StandardCharsets.UTF_8),
                dek,
                w.clientSecret.getBytes(StandardCharsets.UTF_8),
                Files.readString(w.kmsDir().resolve("admin.token")).trim().getBytes(),
                Files.readAllBytes(w.kmsDir().resolve("master.key"))));
    List<byte[]> ekmKeys =
        SoftwareKeystoreReader.keyBytes(
            w.stack.dataDir().resolve("ekm").resolve("master.key"),
            w.stack.ekmConfig().database().jdbcUrl());
    assertThat(ekmKeys).isNotEmpty();
    secrets.addAll(ekmKeys);
    List<byte[]> haystacks =
        List.of(
            Files.readAllBytes(w.kmsDir().resolve("kms.mv.db")),
            AuditChains.bytes(w.kmsDir()),
            Files.readAllBytes(w.kmsDir().resolve("audit.jsonl")),
            logs.toString().getBytes(StandardCharsets.UTF_8));
    SecretScan.assertAbsent(secrets, haystacks);
    // Positive control: the haystacks are the real stores and hold what they should.
    byte[] vaultId = w.vault.getId().getBytes(StandardCharsets.US_ASCII);
    assertThat(SecretScan.indexOf(haystacks.get(0), vaultId)).isNotEqualTo(-1);
    assertThat(SecretScan.indexOf(haystacks.get(1), vaultId)).isNotEqualTo(-1);
  }
}
