package io.ekms.kms.store;

import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.secret.SecretRef;
import io.ekms.testing.EmbeddedPostgresSupport;
import io.ekms.testing.TempDirs;
import java.util.Map;

/**
 * Fresh KMS databases with the {@code db/kms} and {@code db/audit} migrations: an H2 file (the
 * default store), an in-memory H2 (fast, for service tests) or a database on the JVM's one embedded
 * PostgreSQL server.
 */
public final class KmsDatabases {
  private static final String PASSWORD_VARIABLE = "EKMS_TEST_PG_PASSWORD";
  private static final int POOL = 4;

  private KmsDatabases() {}

  public static Database h2File() {
    DatabaseConfig file = DatabaseConfig.h2File(TempDirs.create("kms-store-"), "kms");
    return open(new DatabaseConfig(file.jdbcUrl(), file.username(), null, POOL), Map.of());
  }

  public static Database h2Memory() {
    String url = "jdbc:h2:mem:kms-" + Randoms.hex(8) + ";DB_CLOSE_DELAY=-1";
    return open(new DatabaseConfig(url, "sa", null, POOL), Map.of());
  }

  public static Database postgres() {
    return postgres(EmbeddedPostgresSupport.newDatabase());
  }

  /** Another pool on {@code pg}, migrating it as a node starting on it would. */
  public static Database postgres(EmbeddedPostgresSupport.PgDatabase pg) {
    DatabaseConfig config =
        new DatabaseConfig(pg.jdbcUrl(), pg.user(), new SecretRef(null, PASSWORD_VARIABLE), POOL);
    Database db = open(config, Map.of(PASSWORD_VARIABLE, pg.password()));
    if (!db.isPostgres()) {
      throw new IllegalStateException("expected a PostgreSQL database");
    }
    return db;
  }

  private static Database open(DatabaseConfig config, Map<String, String> env) {
    return Database.open(config, env, "db/kms", "db/audit");
  }
}
