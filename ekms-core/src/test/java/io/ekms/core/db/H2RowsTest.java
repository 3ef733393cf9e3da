package io.ekms.core.db;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** {@link RowsContract} on an H2 file database. */
class H2RowsTest extends RowsContract {
  @TempDir Path directory;

  @Override
  protected Database openDatabase(String... migrations) {
    return Database.open(DatabaseConfig.h2File(directory, "rows"), Map.of(), migrations);
  }
}
