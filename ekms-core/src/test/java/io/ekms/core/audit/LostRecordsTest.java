package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LostRecordsTest {
  private static final Instant T1 = Instant.parse("2025-01-01T00:00:01Z");
  private static final Instant T2 = Instant.parse("2025-01-01T00:00:02Z");

  @Test
  void take_afterAdds_returnsTotalSinceFirstLossAndResets() {
    LostRecords lost = new LostRecords();
    lost.add(2, T1);
    lost.add(3, T2);

    assertThat(lost.take()).isEqualTo(new LostRecords.Gap(5, T1));
    assertThat(lost.any()).isFalse();
    assertThat(lost.take()).isNull();
  }

  @Test
  void restore_withLossesMeanwhile_mergesCountAndKeepsEarliestTime() {
    LostRecords lost = new LostRecords();
    lost.add(4, T1);
    LostRecords.Gap gap = lost.take();
    lost.add(1, T2);

    lost.restore(gap);

    assertThat(lost.take()).isEqualTo(new LostRecords.Gap(5, T1));
  }

  @Test
  void add_zero_countsNothing() {
    LostRecords lost = new LostRecords();
    lost.add(0, T1);
    assertThat(lost.any()).isFalse();
  }

  @Test
  void gapRecord_always_namesCountAndStart() {
    AuditRecord r = new LostRecords.Gap(7, T1).record(T2);

    assertThat(r.operation()).isEqualTo("AUDIT_GAP");
    assertThat(r.result()).isEqualTo("LOST");
    assertThat(r.time()).isEqualTo(T2);
    assertThat(r.details()).containsEntry("lost", "7").containsEntry("since", T1.toString());
  }
}
