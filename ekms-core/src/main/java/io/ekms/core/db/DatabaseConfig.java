package io.ekms.core.db;

import io.ekms.core.secret.SecretRef;

/**
 * Where metadata lives: an H2 file database by default, PostgreSQL when {@code jdbcUrl} says so.
 * The password, when one is needed, comes from a file or the environment. {@code maxPoolSize} left
 * out (null, or 0) is 16.
 */
public record DatabaseConfig(
    String jdbcUrl, String username, SecretRef password, Integer maxPoolSize) {
  public DatabaseConfig {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new IllegalArgumentException("database.jdbcUrl is required");
    }
    if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("database.jdbcUrl must be an H2 or PostgreSQL JDBC URL");
    }
    if (maxPoolSize == null || maxPoolSize == 0) {
      maxPoolSize = 16;
    }
    if (maxPoolSize < 1 || maxPoolSize > 256) {
      throw new IllegalArgumentException("database.maxPoolSize must be 1 to 256");
    }
  }

  /**
   * An H2 file database under {@code directory}. {@code WRITE_DELAY=0} makes every commit reach the
   * file before it returns, so a killed process loses nothing it acknowledged.
   */
  public static DatabaseConfig h2File(java.nio.file.Path directory, String name) {
    String url =
        "jdbc:h2:file:"
            + directory.toAbsolutePath().resolve(name)
            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    return new DatabaseConfig(url, "sa", null, 16);
  }

  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }
}
