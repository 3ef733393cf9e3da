package io.ekms.ekm.console;

import io.ekms.common.json.Json;
import io.ekms.core.audit.AuditEntry;
import io.ekms.core.audit.AuditLog;
import io.ekms.ekm.service.EkmError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A range of this node's audit chain as JSON lines (one entry per line, as the admin API reads
 * them, hashes included so the export can be checked), streamed a page at a time.
 */
final class AuditExport {
  private static final long MAX_EXPORT = 100_000;
  private final ConsoleGate gate;
  private final AuditLog log;

  AuditExport(ConsoleGate gate, AuditLog log) {
    this.gate = gate;
    this.log = log;
  }

  void routing(HttpRouting.Builder r) {
    r.get(
        "/console/audit/export",
        gate.page(
            (req, res, s) -> {
              long from = Math.max(1, AuditPages.number(Forms.query(req, "from"), "from"));
              long to = AuditPages.number(Forms.query(req, "to"), "to");
              if (to == 0) {
                to = log.lastSeq();
              }
              if (to < from || to - from + 1 > MAX_EXPORT) {
                throw EkmError.INVALID_REQUEST.error(
                    "Export 'from' to 'to' (record numbers), at most "
                        + MAX_EXPORT
                        + " records at once.");
              }
              ConsoleHttp.secure(res);
              res.header(HeaderNames.CONTENT_TYPE, "application/x-ndjson");
              res.header(
                  HeaderNames.CONTENT_DISPOSITION,
                  "attachment; filename=\"audit-"
                      + log.nodeId()
                      + "-"
                      + from
                      + "-"
                      + to
                      + ".jsonl\"");
              try (OutputStream out = res.outputStream()) {
                long after = from - 1;
                while (after < to) {
                  int n = (int) Math.min(AuditLog.MAX_READ, to - after);
                  List<AuditEntry> page = log.read(after, n, null);
                  if (page.isEmpty()) {
                    break;
                  }
                  for (AuditEntry e : page) {
                    out.write(Json.write(e));
                    out.write('\n');
                    after = e.seq();
                  }
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }));
  }
}
