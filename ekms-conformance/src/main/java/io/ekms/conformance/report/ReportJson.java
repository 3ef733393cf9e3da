package io.ekms.conformance.report;

import io.ekms.common.json.Json;
import io.ekms.conformance.Report;
import io.ekms.conformance.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON, for scripts: {@code suite}, {@code endpoint}, {@code started}, {@code
 * conforms}, the counts, and {@code checks} [{@code id, title, verdict, detail, millis}].
 */
public final class ReportJson {
  private ReportJson() {}

  public static byte[] render(Report report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("suite", report.suite());
    json.put("endpoint", report.endpoint());
    json.put("started", report.started().toString());
    json.put("conforms", report.conforms());
    for (Verdict v : Verdict.values()) {
      json.put(v.name().toLowerCase(java.util.Locale.ROOT), report.count(v));
    }
    List<Map<String, Object>> checks =
        report.outcomes().stream()
            .map(
                o -> {
                  Map<String, Object> check = new LinkedHashMap<>();
                  check.put("id", o.id());
                  check.put("title", o.title());
                  check.put("verdict", o.verdict().name());
                  check.put("detail", o.detail());
                  check.put("millis", o.took().toMillis());
                  return check;
                })
            .toList();
    json.put("checks", checks);
    return Json.write(json);
  }
}
