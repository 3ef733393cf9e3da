package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretFiles;
import io.ekms.core.admin.AdminDirectory;
import io.ekms.core.admin.FirstAdministrator;
import io.ekms.core.db.Database;
import io.ekms.core.http.AdminCredential;
import io.ekms.core.secret.SecretRef;
import io.ekms.ekm.http.EkmRoles;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EkmInitTest {
  private final Path dir = TempDirs.create("ekm-init-");
  private final EkmConfig config = EkmConfig.defaults(dir);

  @Test
  void run_freshDirectory_createsOwnerOnlyKeyFileAndAdminToken() throws Exception {
    EkmInit.Result result = EkmInit.run(config, Map.of());

    Path keyFile = Path.of(config.keystore().masterKeyFile());
    assertThat(result.created()).isTrue();
    assertThat(EkmInit.initialized(config)).isTrue();
    assertThat(Files.readAllBytes(keyFile)).hasSize(32);
    assertThat(permissions(keyFile)).isEqualTo("rw-------");
    assertThat(permissions(result.adminTokenFile())).isEqualTo("rw-------");
    String token = Files.readString(result.adminTokenFile()).trim();
    assertThat(token).startsWith(AdminDirectory.BOOTSTRAP_PREFIX);
    assertThat(storedTokenHash()).contains(AdminCredential.hash(token));
    assertThat(result.caCertificate()).exists();
  }

  @Test
  void run_firstAdministrator_writesItsTokenAndRetiresTheBootstrap() throws Exception {
    EkmInit.Result result = EkmInit.run(config, Map.of(), FirstAdministrator.allRoles("alice"));

    String token = Files.readString(result.adminTokenFile()).trim();
    assertThat(token).startsWith(AdminCredential.PREFIX);
    assertThat(storedTokenHash()).isEmpty();
    try (Database db = open()) {
      assertThat(
              new AdminDirectory(db, java.time.Clock.systemUTC(), EkmRoles.ERRORS)
                  .authenticate("Bearer " + token))
          .extracting(a -> a.name(), a -> a.roles().size())
          .containsExactly("alice", 4);
    }
  }

  @Test
  void run_existingKeyFile_keepsItUnchanged() throws Exception {
    Path keyFile = SecretFiles.write(dir.resolve("master.key"), new byte[32]);

    EkmInit.run(config, Map.of());

    assertThat(Files.readAllBytes(keyFile)).isEqualTo(new byte[32]);
  }

  @Test
  void run_again_changesNothing() throws Exception {
    EkmInit.run(config, Map.of());
    byte[] key = Files.readAllBytes(dir.resolve("master.key"));
    String token = Files.readString(dir.resolve("admin.token"));

    EkmInit.Result again = EkmInit.run(config, Map.of());

    assertThat(again.created()).isFalse();
    assertThat(Files.readAllBytes(dir.resolve("master.key"))).isEqualTo(key);
    assertThat(Files.readString(dir.resolve("admin.token"))).isEqualTo(token);
    assertThat(storedTokenHash()).contains(AdminCredential.hash(token.trim()));
  }

  @Test
  void run_passphraseKeystore_writesNoKeyFile() throws Exception {
    EkmConfig withPassphrase =
        EkmConfig.builder(dir)
            .keystore(new EkmConfig.Keystore(null, new SecretRef(null, "EKMS_TEST_PASSPHRASE")))
            .build();

    EkmInit.run(withPassphrase, Map.of());

    assertThat(dir.resolve("master.key")).doesNotExist();
    assertThat(dir.resolve("admin.token")).exists();
  }

  @Test
  void run_databaseFailsThenFixed_secondRunCreatesUsableToken() throws Exception {
    String url = config.database().jdbcUrl();
    sql(url, "CREATE TABLE not_flyway (id INT)");

    assertThatThrownBy(() -> EkmInit.run(config, Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("migration failed");
    assertThat(EkmInit.initialized(config)).isFalse();
    sql(url, "DROP TABLE not_flyway");
    EkmInit.Result retried = EkmInit.run(config, Map.of());

    assertThat(retried.created()).isTrue();
    String token = Files.readString(retried.adminTokenFile()).trim();
    assertThat(storedTokenHash()).contains(AdminCredential.hash(token));
  }

  private Optional<String> storedTokenHash() {
    try (Database db = open()) {
      return db.withConnection(
          c -> {
            try (var ps = c.prepareStatement("SELECT token_sha256 FROM admin_bootstrap");
                var rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          });
    }
  }

  private Database open() {
    return Database.open(config.database(), Map.of(), "db/ekm", "db/audit", "db/admins");
  }

  private static String permissions(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private static void sql(String url, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
