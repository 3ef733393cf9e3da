package io.ekms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.audit.AuditWriterCpu;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCpuTest {
  private static Result point(String scenario, int concurrency, long cpuMicros, long records) {
    return Points.closed(scenario, concurrency, 1000, 5)
        .withAudit(new AuditWriterCpu.Snapshot(cpuMicros * 1000, records, records / 4));
  }

  @Test
  void target_meanAtSixteenWithinGoal_metWithTheWorstScenario() {
    List<Result> results =
        List.of(
            point("ekm-encrypt", 16, 10_000, 1000), // 10 µs
            point("kms-decrypt", 16, 50_000, 2000), // 25 µs
            point("kms-decrypt", 64, 900_000, 1000)); // 900 µs, not at c=16

    Target t = AuditCpu.target(results);

    assertThat(t.status()).isEqualTo(Target.Status.MET);
    assertThat(t.measured()).isEqualTo("20.0 µs over 3000 records (worst 25.0 µs, kms-decrypt)");
  }

  @Test
  void target_meanAboveGoal_gap() {
    Target t = AuditCpu.target(List.of(point("ekm-encrypt", 16, 21_000, 1000)));

    assertThat(t.status()).isEqualTo(Target.Status.GAP);
  }

  @Test
  void withAudit_noRecords_leavesTheFiguresOut() {
    Result r = point("ceiling-1-hop", 16, 5, 0);

    assertThat(r.auditCpuMicrosPerRecord()).isNull();
    assertThat(AuditCpu.target(List.of(r)).status()).isEqualTo(Target.Status.NOT_MEASURED);
  }

  @Test
  void print_pointWithRecords_showsCpuAndBatchSize() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    AuditCpu.print(
        new PrintStream(bytes, true, StandardCharsets.UTF_8),
        List.of(point("ekm-encrypt", 16, 12_000, 1000)));

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains(
            "ekm-encrypt            c=16      1000 records     12.0 µs/record    4.0 records/batch");
  }
}
