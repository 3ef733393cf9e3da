package io.ekms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void line_closedLoopWithRatios_printsEveryColumn() {
    String line =
        Report.line(
            Points.closed("kms-decrypt", 16, 1234.4, 8.5), Optional.of(0.25), Optional.of(1.5));

    assertThat(line.split("\\s+"))
        .containsExactly(
            "kms-decrypt",
            "closed",
            "16",
            "-",
            "1234",
            "4.25",
            "8.50",
            "17.00",
            "0",
            "0.25",
            "1.50");
  }

  @Test
  void line_openLoop_showsTheRateAndNoRatios() {
    String line =
        Report.line(Points.open("ekm-encrypt", 500, 3), Optional.empty(), Optional.empty());

    assertThat(line.split("\\s+"))
        .containsExactly(
            "ekm-encrypt", "open", "-", "500", "500", "1.00", "3.00", "3.00", "0", "-", "-");
  }

  @Test
  void summary_outcome_printsTableComparisonsTargetsAndNotes() {
    Outcome outcome =
        Outcome.of(
            List.of(
                Points.closed("ceiling-2-hops", 16, 4000, 5),
                Points.closed("kms-decrypt", 16, 1000, 20)),
            List.of(
                new Comparison("envelope-encrypt vs raw", true, 800, 1000, "MB/s", 0.7, "256 MiB"),
                Comparison.skipped("pkcs11", 0.7, "libsofthsm2 is not installed")),
            List.of("signatures reused"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Report.summary(new PrintStream(bytes, true, StandardCharsets.UTF_8), outcome);

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("x ceil").contains("0.25");
    assertThat(text).contains("ratio 0.80 (target 0.70) — 256 MiB");
    assertThat(text).contains("pkcs11: not measured — libsofthsm2 is not installed");
    assertThat(text).contains("[gap]        KMS end-to-end p99");
    assertThat(text).contains("[met]        envelope-encrypt vs raw: 0.80 (800 vs 1000 MB/s)");
    assertThat(text).contains("  - signatures reused");
  }
}
