package io.ekms.cli;

import io.ekms.admin.client.AdminHttp;
import io.ekms.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
    @Option(names = "--after", defaultValue = "0")
    long after;

    @Option(names = "--limit", defaultValue = "100", description = "1 to 1000.")
    int limit;

    @Option(names = "--request-id")
    String requestId;

    String method() {
      return "GET";
    }

    String path() {
      return BASE
          + "/audit?after="
          + after
          + "&limit="
          + limit
          + (requestId == null
              ? ""
              : "&requestId="
                  + java.net.URLEncoder.encode(requestId, java.nio.charset.StandardCharsets.UTF_8));
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
      return Json.mapper().readTree(answer).path("ok").asBoolean() ? 0 : 1;
    }
  }
}
