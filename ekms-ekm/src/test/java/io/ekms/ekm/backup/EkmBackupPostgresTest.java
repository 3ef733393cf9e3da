package io.ekms.ekm.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.secret.SecretRef;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.testing.EmbeddedPostgresSupport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same backup moves from H2 to PostgreSQL and back unchanged: one format, both stores. */
class EkmBackupPostgresTest {
  private static final String PASSWORD = "EKMS_TEST_PG_PASSWORD";
  @TempDir Path tmp;

  @Test
  void restore_h2BackupIntoPostgresAndBack_sameRows() throws Exception {
    EkmConfig h2 = SourceEkm.create(tmp.resolve("h2"));
    EmbeddedPostgresSupport.PgDatabase pg = EmbeddedPostgresSupport.newDatabase();
    Map<String, String> env = Map.of(PASSWORD, pg.password());
    EkmConfig postgres =
        EkmConfig.builder(tmp.resolve("pg"))
            .database(new DatabaseConfig(pg.jdbcUrl(), pg.user(), new SecretRef(null, PASSWORD), 2))
            .build();
    EkmConfig back = EkmConfig.defaults(tmp.resolve("back"));
    try (BackupKey key = BackupKey.generate()) {
      Path first = tmp.resolve("from-h2.backup");
      EkmBackup.run(h2, Map.of(), key, EkmBackup.KeySource.file(), first, Clock.systemUTC());
      EkmRestore.run(postgres, env, BackupFile.read(first), key, false);

      Path second = tmp.resolve("from-pg.backup");
      var made =
          EkmBackup.run(postgres, env, key, EkmBackup.KeySource.file(), second, Clock.systemUTC());
      EkmRestore.run(back, Map.of(), BackupFile.read(second), key, false);

      assertThat(made.manifest().counts())
          .isEqualTo(BackupFile.inspect(BackupFile.read(first)).manifest().counts());
      for (String table : EkmTables.ORDER) {
        assertThat(SourceEkm.rows(back, table)).as(table).isEqualTo(SourceEkm.rows(h2, table));
      }
    }
  }
}
