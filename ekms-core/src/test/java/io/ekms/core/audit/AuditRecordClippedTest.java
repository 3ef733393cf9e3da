package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AuditRecordClippedTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void clipped_hostileCallerText_makesValidRecord() {
    AuditRecord r =
        AuditRecord.clipped(
            T,
            "req-1",
            "client\u0000",
            "Decrypt",
            "v".repeat(300),
            "key\uD800",
            "\u0000",
            "OK",
            Map.of("loggingContext.a\u0000", "x\uDC00".repeat(600)));

    assertThat(r.vault()).hasSize(AuditRecord.MAX_NAME).endsWith("\u2026");
    assertThat(r.caller()).isEqualTo("client\uFFFD");
    assertThat(r.key()).isEqualTo("key\uFFFD");
    assertThat(r.version()).isEqualTo("\uFFFD");
    assertThat(r.details()).containsOnlyKeys("loggingContext.a\uFFFD");
    assertThat(r.details().get("loggingContext.a\uFFFD"))
        .hasSize(AuditRecord.MAX_DETAIL_VALUE)
        .doesNotContain("\uDC00");
  }

  @Test
  void clipped_tooManyDetails_keepsBoundAndCountsDropped() {
    Map<String, String> many = new TreeMap<>();
    for (int i = 0; i < 40; i++) {
      many.put("k" + (100 + i), "v");
    }

    AuditRecord r = AuditRecord.clipped(T, "req", "c", "OP", null, null, null, "OK", many);

    assertThat(r.details()).hasSize(AuditRecord.MAX_DETAILS).containsEntry("detailsDropped", "9");
  }

  @Test
  void clipped_exactlyMaxDetails_dropsNothing() {
    Map<String, String> full = new TreeMap<>();
    for (int i = 0; i < AuditRecord.MAX_DETAILS; i++) {
      full.put("k" + (100 + i), "v");
    }

    AuditRecord r = AuditRecord.clipped(T, "req", "c", "OP", null, null, null, "OK", full);

    assertThat(r.details()).isEqualTo(full);
  }
}
