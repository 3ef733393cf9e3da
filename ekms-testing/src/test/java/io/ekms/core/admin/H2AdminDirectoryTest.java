package io.ekms.core.admin;

import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.testing.TempDirs;
import java.util.Map;

class H2AdminDirectoryTest extends AdminDirectoryContract {
  @Override
  protected Database open() {
    return Database.open(
        DatabaseConfig.h2File(TempDirs.create("admins-"), "admins"), Map.of(), "db/admins");
  }
}
