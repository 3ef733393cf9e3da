package io.ekms.ekm.server;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditLogOptions;
import io.ekms.core.audit.AuditPolicy;
import io.ekms.core.db.Database;
import java.nio.file.Path;

/** Opens the EKM's audit log with its configured failure policy and JSON-lines file. */
final class AuditLogs {
  private AuditLogs() {}

  static AuditLog open(Database db, EkmConfig.Audit config) {
    AuditLogOptions options =
        AuditLogOptions.defaults().withPolicy(AuditPolicy.valueOf(config.policy()));
    if (config.jsonLinesFile() != null) {
      options = options.withJsonLinesFile(Path.of(config.jsonLinesFile()));
    }
    return new AuditLog(db, options);
  }
}
