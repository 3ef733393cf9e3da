package io.ekms.ekm.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.SecretFiles;
import io.ekms.core.db.Database;
import io.ekms.core.secret.SecretRef;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HSM-held key versions travel as references: the token's label and each object's label. */
class EkmBackupHsmTest {
  @TempDir Path tmp;

  private EkmConfig.Pkcs11 token(String label) throws Exception {
    Path pin = Files.createDirectories(tmp.resolve("pins")).resolve(label);
    SecretFiles.write(pin, "1234\n");
    return new EkmConfig.Pkcs11("/usr/lib/softhsm/libsofthsm2.so", label, SecretRef.ofFile(pin), 0);
  }

  private EkmConfig withHsmVersion() throws Exception {
    EkmConfig plain = SourceEkm.create(tmp.resolve("source"));
    try (Database db = Database.open(plain.database(), Map.of(), EkmInit.MIGRATIONS)) {
      db.inTransaction(
          c -> {
            SourceEkm.run(
                c,
                "INSERT INTO ekm_key_versions (id, key_id, version_number, state, backend, handle,"
                    + " created_at, updated_at) VALUES ('kv-3', 'k-1', 3, 'ENABLED', 'pkcs11',"
                    + " 'ekms-kv-3', 9, 9)");
            return null;
          });
    }
    return EkmConfig.builder(tmp.resolve("source")).pkcs11(token("ekms-token")).build();
  }

  @Test
  void backup_hsmHeldVersion_manifestNamesTheTokenAndPayloadTheLabel() throws Exception {
    EkmConfig source = withHsmVersion();
    try (BackupKey key = BackupKey.generate()) {
      Path file = tmp.resolve("b");
      var made =
          EkmBackup.run(source, Map.of(), key, EkmBackup.KeySource.file(), file, Clock.systemUTC());
      assertThat(made.manifest().hsmTokenLabel()).isEqualTo("ekms-token");
      assertThat(made.manifest().counts()).containsEntry("hsmKeyVersions", 1);

      EkmConfig target =
          EkmConfig.builder(tmp.resolve("target")).pkcs11(token("ekms-token")).build();
      EkmRestore.run(target, Map.of(), BackupFile.read(file), key, false);
      assertThat(SourceEkm.rows(target, "ekm_key_versions"))
          .anyMatch(r -> r.contains("|pkcs11|ekms-kv-3|"));
    }
  }

  @Test
  void restore_targetWithoutThatToken_refusedNamingIt() throws Exception {
    EkmConfig source = withHsmVersion();
    try (BackupKey key = BackupKey.generate()) {
      Path file = tmp.resolve("b");
      EkmBackup.run(source, Map.of(), key, EkmBackup.KeySource.file(), file, Clock.systemUTC());
      EkmConfig none = EkmConfig.defaults(tmp.resolve("none"));
      EkmConfig other = EkmConfig.builder(tmp.resolve("other")).pkcs11(token("another")).build();
      byte[] bytes = BackupFile.read(file);

      try {
        EkmRestore.run(none, Map.of(), bytes, key, false);
        throw new AssertionError("not refused");
      } catch (BackupRefusedException e) {
        assertThat(e.getMessage())
            .isEqualTo(
                "this backup names key versions held in HSM token \"ekms-token\"; configure the"
                    + " pkcs11 section for that token on the target first.");
      }
      try {
        EkmRestore.run(other, Map.of(), bytes, key, false);
        throw new AssertionError("not refused");
      } catch (BackupRefusedException e) {
        assertThat(e.getMessage()).endsWith("but the target is configured for token \"another\".");
      }
      assertThat(tmp.resolve("none")).doesNotExist();
      assertThat(tmp.resolve("other")).doesNotExist();
    }
  }
}
