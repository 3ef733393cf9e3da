package io.ekms.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.config.ConfigLoader;
import io.ekms.core.secret.SecretRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseConfigTest {
  private static final String PG = "jdbc:postgresql://db.internal:5432/ekms";

  @Test
  void new_poolSizeLeftOut_defaultsTo16() {
    assertThat(new DatabaseConfig(PG, "ekms", null, null).maxPoolSize()).isEqualTo(16);
    assertThat(new DatabaseConfig(PG, "ekms", null, 0).maxPoolSize()).isEqualTo(16);
    assertThat(new DatabaseConfig(PG, "ekms", null, 256).maxPoolSize()).isEqualTo(256);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 257})
  void new_poolSizeOutOfRange_throws(int size) {
    assertThatThrownBy(() -> new DatabaseConfig(PG, "ekms", null, size))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database.maxPoolSize must be 1 to 256");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void new_noUrl_throws(String url) {
    assertThatThrownBy(() -> new DatabaseConfig(url, "sa", null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database.jdbcUrl is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:mysql://x/y", "postgresql://x/y", "h2:mem:x"})
  void new_otherDatabase_throws(String url) {
    assertThatThrownBy(() -> new DatabaseConfig(url, "sa", null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database.jdbcUrl must be an H2 or PostgreSQL JDBC URL");
  }

  @Test
  void isPostgres_byUrlScheme() {
    assertThat(new DatabaseConfig(PG, "ekms", null, 1).isPostgres()).isTrue();
    assertThat(new DatabaseConfig("jdbc:h2:mem:x", "sa", null, 1).isPostgres()).isFalse();
  }

  @Test
  void h2File_directory_isDurableFileUrl(@TempDir Path dir) {
    DatabaseConfig config = DatabaseConfig.h2File(dir, "ekm");

    assertThat(config.jdbcUrl())
        .startsWith("jdbc:h2:file:" + dir.toAbsolutePath().resolve("ekm"))
        .contains(";WRITE_DELAY=0");
    assertThat(config.username()).isEqualTo("sa");
    assertThat(config.password()).isNull();
  }

  @Test
  void configLoader_yamlWithoutPoolSize_usesDefault(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("db.yaml"),
            "jdbcUrl: " + PG + "\nusername: ekms\npassword: {file: /run/secrets/db}\n");

    DatabaseConfig config = ConfigLoader.load(file, DatabaseConfig.class, "DB", Map.of());

    assertThat(config)
        .isEqualTo(new DatabaseConfig(PG, "ekms", new SecretRef("/run/secrets/db", null), 16));
  }

  /** The README's example: only the URL, from the environment. */
  @Test
  void configLoader_onlyUrlFromEnvironment_usesDefaults() {
    DatabaseConfig config =
        ConfigLoader.load(null, DatabaseConfig.class, "DB", Map.of("DB_JDBC_URL", PG));

    assertThat(config).isEqualTo(new DatabaseConfig(PG, null, null, 16));
  }
}
