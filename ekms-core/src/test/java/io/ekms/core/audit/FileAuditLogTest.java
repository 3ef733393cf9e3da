package io.ekms.core.audit;

import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import java.nio.file.Path;
import java.util.Map;

/** {@link AuditLogContract} on chain files beside an H2 file database, as the servers run it. */
class FileAuditLogTest extends AuditLogContract {
  private final Path directory = AuditFixtures.scratch("audit-files-");

  @Override
  protected Database openDatabase() {
    return Database.open(DatabaseConfig.h2File(directory, "audit"), Map.of(), "db/audit");
  }

  @Override
  protected AuditLogOptions stored(AuditLogOptions options) {
    return options.withChainDirectory(directory.resolve("chains"));
  }

  @Override
  protected ChainTamper tamper() {
    return new FileChainTamper(ChainFile.pathOf(directory.resolve("chains"), AuditNodes.DEFAULT));
  }
}
