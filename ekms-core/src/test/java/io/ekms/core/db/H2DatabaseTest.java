package io.ekms.core.db;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** {@link DatabaseContract} on an H2 file database. */
class H2DatabaseTest extends DatabaseContract {
  @TempDir Path directory;

  @Override
  protected Database openDatabase(String... migrations) {
    return Database.open(DatabaseConfig.h2File(directory, "contract"), Map.of(), migrations);
  }

  @Override
  protected boolean expectPostgres() {
    return false;
  }
}
