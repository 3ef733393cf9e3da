package io.ekms.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The PostgreSQL database every node of a {@link ProcessCluster} shares: the EKM nodes in schema
 * {@code ekms_ekm}, the KMS nodes in {@code ekms_kms} (each server's tables, its audit log
 * included, in a schema of its own). The password, when one is needed, is read from the environment
 * variable {@code passwordEnv}, which the node processes inherit; it is never written to a file.
 */
public record ClusterDatabase(String jdbcUrl, String username, String passwordEnv) {
  public static final String EKM_SCHEMA = "ekms_ekm";
  public static final String KMS_SCHEMA = "ekms_kms";

  public ClusterDatabase {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw new StackException("the database URL must start with jdbc:postgresql://");
    }
  }

  /** The URL of the database with {@code schema} as the connections' current schema. */
  public String schemaUrl(String schema) {
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Creates the two schemas when missing. */
  void createSchemas(Map<String, String> env) {
    String password = passwordEnv == null ? null : env.get(passwordEnv);
    try (Connection c = DriverManager.getConnection(jdbcUrl, username, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + EKM_SCHEMA);
      s.execute("CREATE SCHEMA IF NOT EXISTS " + KMS_SCHEMA);
    } catch (SQLException e) {
      throw new StackException(
          "cannot create the schemas in the database ("
              + e.getSQLState()
              + "): check the URL,"
              + " the user and the password");
    }
  }
}
