package io.ekms.it.identity;

import static io.ekms.it.identity.IdentityCalls.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.admin.client.IdentityAdmin.Client;
import io.ekms.core.crypto.KeyFile;
import io.ekms.core.db.Database;
import io.ekms.identity.keys.KeySealer;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.store.SigningKeyRepository;
import io.ekms.identity.store.StoredKey;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.AuditChains;
import io.ekms.testing.LogCapture;
import io.ekms.testing.SecretScan;
import io.ekms.testing.TempDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Invariant 5 (docs/architecture.md): after real traffic (good and bad), the identity server's
 * database file, audit JSON lines and logs hold no client secret, no access token, no admin token,
 * no master key and no private signing key, in any common encoding.
 */
class IdentityNoSecretsAtRestTest {
  @Test
  void databaseAuditAndLogs_afterTraffic_holdNoSecrets() throws Exception {
    List<byte[]> secrets = new ArrayList<>();
    String logs;
    LoopbackStack stack;
    Client client;
    try (LogCapture capture = new LogCapture()) {
      stack = LoopbackStack.builder(TempDirs.create("identity-secrets-")).start();
      IdentityCalls f = IdentityCalls.to(stack);
      client = f.createClient("kms");
      secrets.add(privateKey(stack.identityConfig()));
      String scope = AUDIENCE + "oci_ekms";
      secrets.add(bytes(f.accessToken(client)));
      secrets.add(bytes(f.post(client, scope).body().path("access_token").asText()));
      f.basic(new Client(client.id(), client.secret() + "0"), scope);
      f.basic(new Client(client.secret(), client.secret()), scope);
      f.token("client_id=" + client.secret() + "&client_secret=" + client.secret(), Map.of());
      f.token("grant_type=%zz&client_secret=" + client.secret(), Map.of());
      f.http()
          .send(
              "GET",
              stack.identityAdminUrl() + "/admin/v1/identity/clients",
              Map.of("Authorization", "Bearer " + client.secret()),
              null);
      stack.identityAdmin().rotateSigningKey();
      secrets.add(bytes(f.accessToken(client)));
      secrets.add(privateKey(stack.identityConfig()));
      secrets.add(bytes(f.adminToken()));
      stack.close();
      logs = capture.text();
    }
    Path dataDir = stack.identityConfig().dataPath();
    secrets.add(bytes(client.secret()));
    secrets.add(Files.readAllBytes(dataDir.resolve("master.key")));

    List<byte[]> haystacks =
        List.of(
            Files.readAllBytes(dataDir.resolve("identity.mv.db")),
            AuditChains.bytes(dataDir),
            Files.readAllBytes(dataDir.resolve("audit.jsonl")),
            logs.getBytes(StandardCharsets.UTF_8));
    SecretScan.assertAbsent(secrets, haystacks);
    // Positive controls: the haystacks are the real files and hold what they should.
    byte[] id = bytes(client.id());
    assertThat(SecretScan.indexOf(haystacks.get(0), id)).isNotEqualTo(-1);
    assertThat(SecretScan.indexOf(haystacks.get(1), id)).isNotEqualTo(-1);
    assertThat(logs).contains("bound for socket");
  }

  /** The current key's private half (PKCS#8), unsealed as only the server itself can. */
  private static byte[] privateKey(IdentityConfig config) throws Exception {
    try (Database db = Database.open(config.database(), Map.of(), "db/identity", "db/audit");
        KeySealer sealer = new KeySealer(KeyFile.read(Path.of(config.masterKeyFile())))) {
      StoredKey current =
          db.withConnection(new SigningKeyRepository()::all).stream()
              .filter(k -> k.supersededAt() == null)
              .findFirst()
              .orElseThrow();
      return sealer.open(current.kid(), current.sealedPrivate()).getEncoded();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Raw, hex, Base64 and Base64url; for long secrets also a 32-byte slice of each. */
  private static byte[] middle(byte[] secret) {
    if (secret.length <= 64) {
      return secret;
    }
    int from = secret.length / 2;
    return java.util.Arrays.copyOfRange(secret, from, from + 32);
  }
}
