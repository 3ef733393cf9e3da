package io.ekms.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ekms ekm audit read|verify}. */
@Command(
    name = "audit",
    description = "The EKM's hash-chained audit log.",
    subcommands = {AuditCommands.Read.class, AuditCommands.Verify.class})
final class AuditCommands {
  @Command(name = "read", description = "Read audit records after a sequence number.")
  static final class Read extends EkmAdminCommands.Verb {
    @Option(names = "--after", defaultValue = "0")
    long after;

    @Option(names = "--limit", defaultValue = "100")
    int limit;

    @Option(names = "--request-id")
    String requestId;

    String method() {
      return "GET";
    }

    String path() {
      return "/admin/v1/audit?after="
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
  static final class Verify extends EkmAdminCommands.Verb {
    String method() {
      return "GET";
    }

    String path() {
      return "/admin/v1/audit/verify";
    }

    @Override
    public Integer call() throws Exception {
      var http = client();
      String out = AdminCalls.run(() -> http.send(method(), path(), null));
      System.out.println(out);
      return io.ekms.common.json.Json.mapper().readTree(out).path("ok").asBoolean() ? 0 : 1;
    }
  }
}
