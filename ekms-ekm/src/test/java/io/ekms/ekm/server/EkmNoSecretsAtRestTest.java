package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Invariants 1 and 5: after real traffic, the EKM's database file, audit JSON lines and logs hold
 * no plaintext, no AAD, no key bytes, no master key and no admin token, in any common encoding.
 */
class EkmNoSecretsAtRestTest {
  @Test
  void databaseAuditAndLogs_afterTraffic_holdNoSecrets() throws Exception {
    String marker = "PLAINTEXT-" + Randoms.hex(16);
    String aad = "AAD-" + Randoms.hex(16);
    List<byte[]> secrets = new ArrayList<>();
    String logs;
    EkmFixture f;
    try (LogCapture capture = new LogCapture()) {
      f = new EkmFixture();
      var ct = f.encrypt(f.keyId, marker, aad);
      assertThat(f.decrypt(f.keyId, ct, aad).status()).isEqualTo(200);
      assertThat(f.decrypt(f.keyId, ct, "wrong").status()).isEqualTo(400);
      String b64 = EkmApiEndToEndTest.b64(marker);
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
      f.admin.post(f.vaultPath() + "/" + f.keyId + "/rotate", f.adminToken, Map.of());
      f.close();
      logs = capture.text();
    }
    secrets.add(marker.getBytes(StandardCharsets.UTF_8));
    secrets.add(aad.getBytes(StandardCharsets.UTF_8));
    secrets.add(f.adminToken.getBytes(StandardCharsets.US_ASCII));
    secrets.add(Files.readAllBytes(f.dataDir.resolve("master.key")));
    secrets.addAll(keyMaterial(f));
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(6);

    List<byte[]> haystacks =
        List.of(
            Files.readAllBytes(f.dataDir.resolve("ekm.mv.db")),
            Files.readAllBytes(f.dataDir.resolve("audit.jsonl")),
            logs.getBytes(StandardCharsets.UTF_8));
    for (byte[] secret : secrets) {
      for (byte[] form : encodings(secret)) {
        for (byte[] haystack : haystacks) {
          assertThat(indexOf(haystack, form)).as("a secret leaked").isEqualTo(-1);
        }
      }
    }
    // Positive controls: the haystacks are the real files and hold what they should.
    byte[] keyId = f.keyId.getBytes(StandardCharsets.US_ASCII);
    assertThat(indexOf(haystacks.get(0), keyId)).isNotEqualTo(-1);
    assertThat(indexOf(haystacks.get(1), keyId)).isNotEqualTo(-1);
    assertThat(logs).contains("bound for socket");
  }

  /** Unseals every key version with the master key, as only the EKM itself can. */
  private static List<byte[]> keyMaterial(EkmFixture f) throws Exception {
    byte[] master = Files.readAllBytes(f.dataDir.resolve("master.key"));
    List<byte[]> keys = new ArrayList<>();
    try (Database db = Database.open(f.config.database(), Map.of(), "db/ekm", "db/audit")) {
      List<String[]> rows =
          db.withConnection(
              c -> {
                List<String[]> out = new ArrayList<>();
                try (var rs =
                    c.createStatement()
                        .executeQuery(
                            "SELECT id, handle FROM ekm_key_versions WHERE handle IS NOT NULL")) {
                  while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                  }
                }
                return out;
              });
      for (String[] row : rows) {
        byte[] raw = Base64.getDecoder().decode(row[1]);
        keys.add(
            AesGcm.open(
                master,
                Arrays.copyOfRange(raw, 1, 13),
                Arrays.copyOfRange(raw, 13, raw.length),
                ("ekms-sw-v1:" + row[0]).getBytes(StandardCharsets.UTF_8)));
      }
    }
    assertThat(keys).hasSizeGreaterThanOrEqualTo(2);
    return keys;
  }

  private static List<byte[]> encodings(byte[] secret) {
    return List.of(
        secret,
        Base64.getEncoder()
            .withoutPadding()
            .encodeToString(secret)
            .getBytes(StandardCharsets.US_ASCII),
        HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII),
        HexFormat.of().withUpperCase().formatHex(secret).getBytes(StandardCharsets.US_ASCII));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
