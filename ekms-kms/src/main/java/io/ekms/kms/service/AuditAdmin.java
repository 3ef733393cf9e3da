package io.ekms.kms.service;

import io.ekms.core.audit.AuditEntry;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.VerifyResult;
import io.ekms.core.http.AuditQuery;
import io.ekms.kms.service.KmsAudit.Target;
import java.util.List;

/**
 * The admin's reads of the KMS audit log: a page of it, and a check of its hash chain. Reading the
 * audit log is itself audited, as the caller's (the admin), like every other admin call.
 */
public final class AuditAdmin {
  private static final Target NONE = new Target(null, null, null);
  private final AuditLog log;
  private final KmsAudit audit;

  public AuditAdmin(AuditLog log, KmsAudit audit) {
    this.log = log;
    this.audit = audit;
  }

  /** The page {@code query} names. */
  public List<AuditEntry> read(Caller caller, AuditQuery query) {
    return audit.run(caller, "ReadAudit", NONE, null, () -> query.read(log));
  }

  /** Whether the log's hash chain is intact, and where it breaks if not. */
  public VerifyResult verify(Caller caller) {
    return audit.run(caller, "VerifyAudit", NONE, null, log::verify);
  }
}
