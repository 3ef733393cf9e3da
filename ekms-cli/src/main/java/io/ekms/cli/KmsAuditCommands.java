package io.ekms.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ekms kms audit read|verify}: the KMS admin API's audit log, as {@code ekms ekm audit}
 * reads the EKM's, with the KMS admin defaults of {@link KmsUserCommands.KmsVerb}.
 */
@Command(
    name = "audit",
    description = "The KMS's hash-chained audit log.",
    subcommands = {KmsAuditCommands.Read.class, KmsAuditCommands.Verify.class})
final class KmsAuditCommands {
  private KmsAuditCommands() {}

  @Command(name = "read", description = "Read audit records after a sequence number.")
  static final class Read extends KmsUserCommands.KmsVerb {
    @Mixin AuditCommands.Query query;

    String method() {
      return "GET";
    }

    String path() {
      return query.path();
    }
  }

  @Command(name = "verify", description = "Recompute the hash chain; exit 1 if it is broken.")
  static final class Verify extends KmsUserCommands.KmsVerb {
    String method() {
      return "GET";
    }

    String path() {
      return "/admin/v1/audit/verify";
    }

    @Override
    public Integer call() throws Exception {
      return AuditCommands.verify(this);
    }
  }
}
