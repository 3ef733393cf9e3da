package io.ekms.ekm.backup;

import io.ekms.common.config.Misconfiguration;
import io.ekms.core.db.Database;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import java.util.Map;

/** Opens the EKM's database for a backup or restore, explaining H2's one-process rule. */
final class TargetDatabase {
  private TargetDatabase() {}

  static Database open(EkmConfig config, Map<String, String> env) {
    try {
      return Database.open(config.database(), env, EkmInit.MIGRATIONS);
    } catch (Misconfiguration e) {
      if (config.database().isPostgres()) {
        throw e;
      }
      throw new Misconfiguration(
          e.getMessage()
              + " An H2 database is open to one process at a time: stop the EKM using it first.",
          e);
    }
  }
}
