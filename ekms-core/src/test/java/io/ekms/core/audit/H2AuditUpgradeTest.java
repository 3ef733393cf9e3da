package io.ekms.core.audit;

import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import java.util.Map;

/** {@link AuditUpgradeContract} on an H2 file database under {@code target/}. */
class H2AuditUpgradeTest extends AuditUpgradeContract {
  @Override
  protected String[] freshDatabase() {
    String url =
        DatabaseConfig.h2File(AuditFixtures.scratch("audit-upgrade-h2-"), "audit").jdbcUrl();
    return new String[] {url, "sa", ""};
  }

  @Override
  protected Database open(String[] database) {
    return Database.open(new DatabaseConfig(database[0], "sa", null, 4), Map.of(), "db/audit");
  }
}
