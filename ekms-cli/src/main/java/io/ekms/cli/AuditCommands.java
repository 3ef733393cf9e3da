package io.ekms.cli;

import io.ekms.admin.client.AdminHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ekms ekm audit read|verify}; the KMS's ({@link KmsAuditCommands}) share its parts. */
@Command(
    name = "audit",
    description = "The EKM's hash-chained audit log.",
    subcommands = {AuditCommands.Read.class, AuditCommands.Verify.class})
final class AuditCommands {
  /** The options of {@code audit read}: which records, as the admin API's query. */
  static final class Query {
    @Option(names = "--after", defaultValue = "0")
    long after;

    @Option(names = "--limit", defaultValue = "100")
    int limit;

    @Option(names = "--request-id")
    String requestId;

    String path() {
      return path("/admin/v1/audit");
    }

    /** The read of the audit at {@code base} (an admin API's audit path) these options ask for. */
    String path(String base) {
      return base
          + "?after="
          + after
          + "&limit="
          + limit
          + (requestId == null
              ? ""
              : "&requestId=" + URLEncoder.encode(requestId, StandardCharsets.UTF_8));
    }
  }

  /** Runs a verify verb and prints its answer; 0 when the chain is intact, else 1. */
  static int verify(EkmAdminCommands.Verb verb) throws Exception {
    AdminHttp http = verb.client();
    String out = AdminCalls.run(() -> http.send(verb.method(), verb.path(), null));
    System.out.println(out);
    return exitCode(out);
  }

  /** The exit code of a verify verb for the admin API's answer: 0 when intact, else 1. */
  static int exitCode(String verifyAnswer) throws java.io.IOException {
    return io.ekms.common.json.Json.mapper().readTree(verifyAnswer).path("ok").asBoolean() ? 0 : 1;
  }

  @Command(name = "read", description = "Read audit records after a sequence number.")
  static final class Read extends EkmAdminCommands.Verb {
    @Mixin Query query;

    String method() {
      return "GET";
    }

    String path() {
      return query.path();
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
      return verify(this);
    }
  }
}
