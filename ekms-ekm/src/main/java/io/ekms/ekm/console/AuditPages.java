package io.ekms.ekm.console;

import io.ekms.core.audit.AuditEntry;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.VerifyResult;
import io.ekms.core.http.RequestId;
import io.ekms.ekm.service.EkmError;
import io.helidon.webserver.http.HttpRouting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The audit: this node's records newest first, filtered by request id (over every node's chain),
 * and by operation, result and caller; the chains' verification with "verify now"; a range exported
 * as JSON lines.
 */
final class AuditPages {
  private static final int PAGE = 50;
  private final ConsoleGate gate;
  private final AuditLog log;
  private volatile Views.Verification lastVerification;

  AuditPages(ConsoleGate gate, AuditLog log) {
    this.gate = gate;
    this.log = log;
  }

  void routing(HttpRouting.Builder r) {
    r.get(
        "/console/audit",
        gate.page(
            (req, res, s) -> {
              Views.AuditFilter f =
                  new Views.AuditFilter(
                      Forms.query(req, "requestId"),
                      Forms.query(req, "operation"),
                      Forms.query(req, "result"),
                      Forms.query(req, "caller"),
                      number(Forms.query(req, "before"), "before"));
              List<AuditEntry> entries;
              String older = null;
              if (f.requestId() != null) {
                if (!RequestId.isValid(f.requestId())) {
                  throw EkmError.INVALID_REQUEST.error("That is not a request id.");
                }
                entries = new ArrayList<>();
                for (String node : log.nodes()) {
                  entries.addAll(log.read(node, 0, AuditLog.MAX_READ, f.requestId()));
                }
                entries.sort(
                    java.util.Comparator.comparing((AuditEntry e) -> e.record().time()).reversed());
                entries = entries.stream().filter(matches(f)).toList();
              } else {
                AuditWindow.Found found = AuditWindow.newest(log, matches(f), f.before(), PAGE);
                entries = found.entries();
                if (found.before() > 0) {
                  older = olderLink(f, found.before());
                }
              }
              ConsoleHttp.render(
                  res,
                  200,
                  "audit.jte",
                  new Views.AuditView(
                      Chrome.of("Audit", "audit", s),
                      f,
                      entries,
                      older,
                      log.lastSeq(),
                      lastVerification));
            }));
    r.post(
        "/console/audit/verify",
        gate.action(
            "VerifyAudit",
            (form, s, requestId, req, res) -> {
              VerifyResult v = log.verify();
              lastVerification =
                  new Views.Verification(
                      Instant.now().toString(),
                      v.ok(),
                      v.ok()
                          ? v.checked() + " records in " + v.chains().size() + " chain(s) verified."
                          : "Chain of node "
                              + v.firstBadNode()
                              + " breaks at record "
                              + v.firstBadSeq()
                              + ": "
                              + v.reason());
              ConsoleHttp.redirect(res, "/console/audit");
            }));
    new AuditExport(gate, log).routing(r);
  }

  private static Predicate<AuditEntry> matches(Views.AuditFilter f) {
    return e ->
        (f.operation() == null || e.record().operation().equalsIgnoreCase(f.operation()))
            && (f.result() == null || e.record().result().equalsIgnoreCase(f.result()))
            && (f.caller() == null || e.record().caller().contains(f.caller()));
  }

  private static String olderLink(Views.AuditFilter f, long before) {
    StringBuilder b = new StringBuilder("/console/audit?before=").append(before);
    append(b, "operation", f.operation());
    append(b, "result", f.result());
    append(b, "caller", f.caller());
    return b.toString();
  }

  private static void append(StringBuilder b, String name, String value) {
    if (value != null) {
      b.append('&')
          .append(name)
          .append('=')
          .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  static long number(String value, String name) {
    if (value == null) {
      return 0;
    }
    try {
      long n = Long.parseLong(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw EkmError.INVALID_REQUEST.error("'" + name + "' must be a record number.");
  }
}
