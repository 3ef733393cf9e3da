package io.ekms.cli;

import io.ekms.admin.client.AdminHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ekms identity audit read|verify}: the identity server's hash-chained audit log. */
final class IdentityAuditCommands {
  private static final String BASE = "/admin/v1/identity";

  private IdentityAuditCommands() {}

  @Command(
      name = "audit",
      description = "The identity server's hash-chained audit log.",
      subcommands = {AuditRead.class, AuditVerify.class})
  static final class AuditGroup {}

  @Command(name = "read", description = "Read audit records after a sequence number.")
  static final class AuditRead extends IdentityAdminCommands.Verb {
    @Mixin AuditCommands.Query query;

    String method() {
      return "GET";
    }

    String path() {
      return query.path(BASE + "/audit");
    }
  }

  @Command(name = "verify", description = "Recompute the hash chain; exit 1 if it is broken.")
  static final class AuditVerify extends IdentityAdminCommands.Verb {
    String method() {
      return "GET";
    }

    String path() {
      return BASE + "/audit/verify";
    }

    @Override
    public Integer call() throws Exception {
      AdminHttp http = admin.client();
      String answer = AdminCalls.run(() -> http.send(method(), path(), null));
      spec.commandLine().getOut().println(answer);
      spec.commandLine().getOut().flush();
      return AuditCommands.exitCode(answer);
    }
  }
}
