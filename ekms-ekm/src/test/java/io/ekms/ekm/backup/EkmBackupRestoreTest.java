package io.ekms.ekm.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.SecretFiles;
import io.ekms.core.db.Database;
import io.ekms.core.secret.SecretRef;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup and restore on H2 data directories: what comes back, and what is refused untouched. */
class EkmBackupRestoreTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
  @TempDir Path tmp;
  private EkmConfig source;
  private Path file;

  @BeforeEach
  void source() throws Exception {
    source = SourceEkm.create(tmp.resolve("source"));
    file = tmp.resolve("ekm.backup");
  }

  private EkmBackup.Made backup(BackupKey key) throws Exception {
    return EkmBackup.run(source, Map.of(), key, EkmBackup.KeySource.file(), file, CLOCK);
  }

  private static BackupRefusedException refusal(ThrowingRun run) {
    try {
      run.run();
    } catch (BackupRefusedException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("not refused");
  }

  interface ThrowingRun {
    void run() throws Exception;
  }

  @Test
  void restore_freshDirectory_bringsBackEveryRowAndTheMasterKey() throws Exception {
    try (BackupKey key = BackupKey.generate()) {
      EkmBackup.Made made = backup(key);
      EkmConfig target = EkmConfig.defaults(tmp.resolve("target"));

      EkmRestore.Restored restored =
          EkmRestore.run(target, Map.of(), BackupFile.read(file), key, false);

      for (String table : EkmTables.ORDER) {
        assertThat(SourceEkm.rows(target, table))
            .as(table)
            .isEqualTo(SourceEkm.rows(source, table));
      }
      assertThat(Files.readAllBytes(Path.of(target.keystore().masterKeyFile())))
          .isEqualTo(Files.readAllBytes(Path.of(source.keystore().masterKeyFile())));
      assertThat(restored.init().created()).isTrue();
      assertThat(Files.readString(restored.init().adminTokenFile()))
          .isNotEqualTo(Files.readString(source.dataPath().resolve("admin.token")));
      assertThat(made.manifest().counts())
          .containsEntry("ekm_vaults", 1)
          .containsEntry("ekm_key_versions", 2)
          .containsEntry("ekm_xks_credentials", 1)
          .containsEntry("ekm_meta", 1)
          .containsEntry("hsmKeyVersions", 0);
    }
  }

  @Test
  void backup_file_isOwnerOnlyAndHoldsNoMasterKeyInTheClear() throws Exception {
    try (BackupKey key = BackupKey.generate()) {
      backup(key);
      byte[] master = Files.readAllBytes(Path.of(source.keystore().masterKeyFile()));
      String bytes =
          new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(bytes)
          .doesNotContain(new String(master, java.nio.charset.StandardCharsets.ISO_8859_1));
      assertThat(bytes).doesNotContain("sealed-blob-1").contains("\"keystore\":\"keyFile\"");
    }
  }

  @Test
  void restore_keyRebuiltFromShares_restores() throws Exception {
    try (BackupKey key = BackupKey.generate()) {
      EkmBackup.run(source, Map.of(), key, EkmBackup.KeySource.shares(2, 3), file, CLOCK);
      var shares = KeyShares.split(key, 3, 2);
      EkmConfig target = EkmConfig.defaults(tmp.resolve("target"));
      try (BackupKey rebuilt = KeyShares.combine(shares.subList(1, 3))) {
        EkmRestore.run(target, Map.of(), BackupFile.read(file), rebuilt, false);
      }
      assertThat(SourceEkm.rows(target, "ekm_keys")).isEqualTo(SourceEkm.rows(source, "ekm_keys"));
      assertThat(BackupFile.inspect(BackupFile.read(file)).manifest().shareThreshold())
          .isEqualTo(2);
    }
  }

  @Test
  void restore_wrongKey_refusedAndTargetNotCreated() throws Exception {
    try (BackupKey key = BackupKey.generate();
        BackupKey other = BackupKey.generate()) {
      backup(key);
      EkmConfig target = EkmConfig.defaults(tmp.resolve("target"));
      byte[] bytes = BackupFile.read(file);
      assertThat(refusal(() -> EkmRestore.run(target, Map.of(), bytes, other, false)).getMessage())
          .startsWith("this backup is sealed under backup key " + key.id());
      assertThat(tmp.resolve("target")).doesNotExist();
    }
  }

  @Test
  void restore_tamperedOrTruncated_refusedAndTargetNotCreated() throws Exception {
    try (BackupKey key = BackupKey.generate()) {
      backup(key);
      EkmConfig target = EkmConfig.defaults(tmp.resolve("target"));
      byte[] good = BackupFile.read(file);
      byte[] flipped = good.clone();
      flipped[good.length / 2] ^= 1;
      byte[] cut = java.util.Arrays.copyOf(good, good.length - 1);
      assertThat(
              refusal(() -> EkmRestore.run(target, Map.of(), flipped, key, false)).notAuthentic())
          .isTrue();
      assertThat(refusal(() -> EkmRestore.run(target, Map.of(), cut, key, false)).notAuthentic())
          .isTrue();
      assertThat(tmp.resolve("target")).doesNotExist();
    }
  }

  @Test
  void restore_targetHoldingData_refusedAndUntouched() throws Exception {
    try (BackupKey key = BackupKey.generate()) {
      backup(key);
      EkmConfig target = SourceEkm.create(tmp.resolve("target"));
      try (Database db = Database.open(target.database(), Map.of(), "db/ekm", "db/audit")) {
        db.inTransaction(
            c -> {
              SourceEkm.run(c, "UPDATE ekm_vaults SET name = 'changed-on-target'");
              return null;
            });
      }
      byte[] masterBefore = Files.readAllBytes(Path.of(target.keystore().masterKeyFile()));

      BackupRefusedException e =
          refusal(() -> EkmRestore.run(target, Map.of(), BackupFile.read(file), key, false));

      assertThat(e.getMessage())
          .startsWith("the target already holds EKM data (1 in ekm_issuers, 1 in ekm_vaults,")
          .endsWith("restore refuses to replace it unless --overwrite is given.");
      assertThat(e.notAuthentic()).isFalse();
      assertThat(SourceEkm.rows(target, "ekm_vaults").get(0)).contains("changed-on-target");
      assertThat(Files.readAllBytes(Path.of(target.keystore().masterKeyFile())))
          .isEqualTo(masterBefore);
      try (var files = Files.list(tmp.resolve("target"))) {
        assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
      }
    }
  }

  @Test
  void restore_overwrite_replacesTheTargetsData() throws Exception {
    try (BackupKey key = BackupKey.generate()) {
      backup(key);
      EkmConfig target = SourceEkm.create(tmp.resolve("target"));
      try (Database db = Database.open(target.database(), Map.of(), "db/ekm", "db/audit")) {
        db.inTransaction(
            c -> {
              SourceEkm.run(c, "UPDATE ekm_vaults SET name = 'changed-on-target'");
              return null;
            });
      }

      EkmRestore.run(target, Map.of(), BackupFile.read(file), key, true);

      assertThat(SourceEkm.rows(target, "ekm_vaults"))
          .isEqualTo(SourceEkm.rows(source, "ekm_vaults"));
      assertThat(SourceEkm.rows(target, "ekm_meta")).isEqualTo(SourceEkm.rows(source, "ekm_meta"));
      assertThat(Files.readAllBytes(Path.of(target.keystore().masterKeyFile())))
          .isEqualTo(Files.readAllBytes(Path.of(source.keystore().masterKeyFile())));
    }
  }

  @Test
  void restore_initialisedButNeverServedTarget_countsAsEmpty() throws Exception {
    try (BackupKey key = BackupKey.generate()) {
      backup(key);
      EkmConfig target = EkmConfig.defaults(tmp.resolve("target"));
      EkmInit.run(target, Map.of());
      String token = Files.readString(target.dataPath().resolve("admin.token"));

      EkmRestore.Restored restored =
          EkmRestore.run(target, Map.of(), BackupFile.read(file), key, false);

      assertThat(restored.init().created()).isFalse();
      assertThat(Files.readString(target.dataPath().resolve("admin.token"))).isEqualTo(token);
      assertThat(Files.readAllBytes(Path.of(target.keystore().masterKeyFile())))
          .isEqualTo(Files.readAllBytes(Path.of(source.keystore().masterKeyFile())));
    }
  }

  @Test
  void restore_passphraseTargetForKeyFileBackup_refusedBeforeAnyChange() throws Exception {
    try (BackupKey key = BackupKey.generate()) {
      backup(key);
      Path pass = Files.createDirectories(tmp.resolve("secrets")).resolve("passphrase");
      SecretFiles.write(pass, "a long enough passphrase");
      EkmConfig target =
          EkmConfig.builder(tmp.resolve("target"))
              .keystore(new EkmConfig.Keystore(null, SecretRef.ofFile(pass)))
              .build();
      assertThat(
              refusal(() -> EkmRestore.run(target, Map.of(), BackupFile.read(file), key, false))
                  .getMessage())
          .isEqualTo(
              "this backup holds a key-file keystore but the target is configured with a keystore"
                  + " passphrase; configure keystore.masterKeyFile instead.");
      assertThat(tmp.resolve("target")).doesNotExist();
    }
  }

  @Test
  void backup_outputExists_refused() throws Exception {
    try (BackupKey key = BackupKey.generate()) {
      Files.writeString(file, "keep me");
      assertThat(refusal(() -> backup(key)).getMessage())
          .isEqualTo(file + " exists; a backup never overwrites a file.");
      assertThat(Files.readString(file)).isEqualTo("keep me");
    }
  }

  @Test
  void verify_rightKey_answersTheManifestAndChangesNothing() throws Exception {
    try (BackupKey key = BackupKey.generate()) {
      EkmBackup.Made made = backup(key);
      assertThat(EkmRestore.verify(BackupFile.read(file), key)).isEqualTo(made.manifest());
      assertThat(made.manifest().createdAt()).isEqualTo("2025-03-01T10:00:00Z");
    }
  }
}
