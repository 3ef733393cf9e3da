package io.ekms.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A pooled connection to the metadata store with its schema migrated by Flyway. One schema serves
 * H2 and PostgreSQL; migrations use SQL both accept.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final boolean postgres;

  private Database(HikariDataSource dataSource, boolean postgres) {
    this.dataSource = dataSource;
    this.postgres = postgres;
  }

  /**
   * Opens the pool and applies the migrations found in {@code migrations} (classpath folders, for
   * example {@code db/ekm} and {@code db/audit}); versions must be unique across the folders.
   *
   * <p>Each folder numbers its own series (a service's from 1, the audit log's from 1000,
   * identity's from 2000), so a service's new migration may be numbered below a folder's migration
   * applied long ago: pending migrations are applied whatever their place in the order. Nodes that
   * start together on one PostgreSQL are safe: Flyway holds an advisory lock while it migrates, so
   * one node applies what is pending and the others then find nothing left to do.
   */
  public static Database open(
      DatabaseConfig config, Map<String, String> env, String... migrations) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.jdbcUrl());
    hikari.setUsername(config.username());
    if (config.password() != null) {
      try (SecretBytes password = config.password().resolve(env)) {
        hikari.setPassword(password.reveal(b -> new String(b, StandardCharsets.UTF_8)));
      }
    }
    hikari.setMaximumPoolSize(config.maxPoolSize());
    hikari.setPoolName("ekms-db");
    hikari.setAutoCommit(true);
    hikari.setInitializationFailTimeout(10_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new Misconfiguration(
          "cannot open the database at "
              + redactUrl(config.jdbcUrl())
              + " ("
              + rootMessage(e)
              + ").",
          e);
    }
    try {
      String[] locations = new String[migrations.length];
      for (int i = 0; i < migrations.length; i++) {
        locations[i] = "classpath:" + migrations[i];
      }
      Flyway.configure().dataSource(ds).locations(locations).outOfOrder(true).load().migrate();
    } catch (FlywayException e) {
      ds.close();
      throw new Misconfiguration("database migration failed (" + rootMessage(e) + ").", e);
    }
    return new Database(ds, config.isPostgres());
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public boolean isPostgres() {
    return postgres;
  }

  /**
   * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. A
   * runtime exception of {@code work} is rethrown as is, an {@link SQLException} as {@link
   * StoreException}.
   */
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Runs {@code work} on a connection in auto-commit mode. */
  public <T> T withConnection(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /** A failed rollback must not replace the failure that caused it. */
  private static void rollback(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static String redactUrl(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName();
  }

  /** JDBC work that may throw {@link SQLException}. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
