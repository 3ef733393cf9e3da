package io.ekms.ekm.server;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.core.admin.AdminAccess;
import io.ekms.core.admin.AdminDirectory;
import io.ekms.core.admin.Quorum;
import io.ekms.core.admin.QuorumSettings;
import io.ekms.core.admin.RequestSeal;
import io.ekms.core.db.Database;
import io.ekms.ekm.http.EkmRoles;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.store.MetaRepository;
import java.time.Clock;

/** The EKM's administrators: who may call its admin API and console, and with which roles. */
final class EkmAdministrators {
  /** Where EKMs initialized before named administrators kept their one admin token's hash. */
  static final String LEGACY_TOKEN = "admin_token_sha256";

  private EkmAdministrators() {}

  static AdminAccess access(
      Database db, Clock clock, QuorumSettings quorum, AuditTrail audit, SecretBytes masterKey) {
    db.inTransaction(
        c -> {
          var legacy = new MetaRepository().get(c, LEGACY_TOKEN);
          if (legacy.isPresent()) {
            AdminDirectory.adoptLegacyToken(c, legacy.get());
          }
          return null;
        });
    AdminDirectory directory = new AdminDirectory(db, clock, EkmRoles.ERRORS);
    if (!directory.initialized()) {
      throw new Misconfiguration(
          "the EKM has no administrator and no bootstrap token; run 'ekms ekm init' first.");
    }
    Quorum held =
        new Quorum(
            db,
            clock,
            quorum,
            EkmRoles.TABLE,
            EkmRoles.ERRORS,
            audit.core(),
            RequestSeal.of(masterKey));
    return new AdminAccess(directory, EkmRoles.TABLE, EkmRoles.ERRORS, held);
  }
}
