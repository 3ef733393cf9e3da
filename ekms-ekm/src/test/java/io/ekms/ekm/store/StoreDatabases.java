package io.ekms.ekm.store;

import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.secret.SecretRef;
import io.ekms.testing.EmbeddedPostgresSupport;
import io.ekms.testing.TempDirs;
import java.util.Map;

/** Fresh, migrated EKM databases for the store contracts: an H2 file or an embedded PostgreSQL. */
final class StoreDatabases {
  private static final String PASSWORD_VARIABLE = "EKMS_TEST_PG_PASSWORD";
  private static final int POOL = 4;

  private StoreDatabases() {}

  static Database h2() {
    DatabaseConfig file = DatabaseConfig.h2File(TempDirs.create("ekm-store-"), "ekm");
    DatabaseConfig small = new DatabaseConfig(file.jdbcUrl(), file.username(), null, POOL);
    return Database.open(small, Map.of(), "db/ekm", "db/audit");
  }

  /** A new database on the JVM's one embedded PostgreSQL server (started on first use). */
  static Database postgres() {
    EmbeddedPostgresSupport.PgDatabase pg = EmbeddedPostgresSupport.newDatabase();
    DatabaseConfig config =
        new DatabaseConfig(pg.jdbcUrl(), pg.user(), new SecretRef(null, PASSWORD_VARIABLE), POOL);
    Database db =
        Database.open(config, Map.of(PASSWORD_VARIABLE, pg.password()), "db/ekm", "db/audit");
    if (!db.isPostgres()) {
      throw new IllegalStateException("expected a PostgreSQL database");
    }
    return db;
  }
}
