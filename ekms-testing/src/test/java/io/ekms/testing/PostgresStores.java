package io.ekms.testing;

import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.secret.SecretRef;
import io.ekms.testing.EmbeddedPostgresSupport.PgDatabase;
import java.util.Map;

/**
 * Opens core's {@link Database} on a database of the embedded PostgreSQL server, the way a
 * deployment does: JDBC URL plus a password taken from the environment.
 */
public final class PostgresStores {
  private static final String PASSWORD_VARIABLE = "EKMS_TEST_PG_PASSWORD";

  private PostgresStores() {}

  public static Database open(PgDatabase pg, String... migrations) {
    DatabaseConfig config =
        new DatabaseConfig(pg.jdbcUrl(), pg.user(), new SecretRef(null, PASSWORD_VARIABLE), 8);
    return Database.open(config, Map.of(PASSWORD_VARIABLE, pg.password()), migrations);
  }
}
