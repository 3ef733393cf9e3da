package io.ekms.core.audit;

import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import java.nio.file.Path;
import java.util.Map;

/** {@link AuditNodesContract} on an H2 file database under {@code target/}. */
class H2AuditNodesTest extends AuditNodesContract {
  private final Path directory = AuditFixtures.scratch("audit-nodes-h2-");

  @Override
  protected Database openDatabase() {
    return Database.open(DatabaseConfig.h2File(directory, "audit"), Map.of(), "db/audit");
  }
}
