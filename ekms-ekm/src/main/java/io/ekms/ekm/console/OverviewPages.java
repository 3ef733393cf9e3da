package io.ekms.ekm.console;

import io.ekms.core.audit.AuditEntry;
import io.ekms.core.http.Health;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.http.Responses;
import io.ekms.ekm.service.AuditTrail;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The overview: health of the database, the audit and the key backend; each protocol's requests
 * (live charts drawn by console.js from {@code /console/overview/live}, which answers the
 * cumulative counts the charts difference); the last refusals of this node's audit chain.
 */
final class OverviewPages extends PageGroup {
  private static final int LAST_REFUSALS = 10;

  OverviewPages(ConsoleGate gate, ConsoleServices services) {
    super(gate, services);
  }

  @Override
  void routing(HttpRouting.Builder r) {
    r.get(
        "/console/overview",
        gate.page(
            (req, res, s) ->
                ConsoleHttp.render(
                    res,
                    200,
                    "overview.jte",
                    new Views.OverviewView(
                        Chrome.of("Overview", "overview", s), health(), lastRefusals()))));
    r.get(
        "/console/overview/live",
        gate.page(
            (req, res, s) -> {
              ConsoleHttp.secure(res);
              Responses.json(res, 200, live());
            }));
  }

  private List<Views.HealthRow> health() {
    List<Views.HealthRow> rows = new ArrayList<>();
    for (Map.Entry<String, BooleanSupplier> check : services.health().entrySet()) {
      rows.add(new Views.HealthRow(check.getKey(), Health.up(check.getValue())));
    }
    return rows;
  }

  private List<AuditEntry> lastRefusals() {
    return AuditWindow.newest(
            services.auditLog(), e -> !AuditTrail.OK.equals(e.record().result()), 0, LAST_REFUSALS)
        .entries();
  }

  /** Per protocol: requests so far, cumulative latency buckets, and refusals by reason. */
  private Map<String, Object> live() {
    Map<String, Object> protocols = new LinkedHashMap<>();
    services
        .protocols()
        .forEach(
            (name, metrics) -> {
              long count = 0;
              long[] atMost = new long[RequestMetrics.boundsMillis().length];
              Map<String, Long> refusals = new TreeMap<>();
              for (RequestMetrics.Sample s : metrics.samples()) {
                count += s.count();
                for (int i = 0; i < atMost.length; i++) {
                  atMost[i] += s.atMost()[i];
                }
                if (!AuditTrail.OK.equals(s.result())) {
                  refusals.merge(s.result(), s.count(), Long::sum);
                }
              }
              protocols.put(name, Map.of("count", count, "atMost", atMost, "refusals", refusals));
            });
    Map<String, Object> health = new LinkedHashMap<>();
    health().forEach(h -> health.put(h.name(), h.up() ? "UP" : "DOWN"));
    return Map.of(
        "boundsMillis", RequestMetrics.boundsMillis(), "protocols", protocols, "health", health);
  }
}
