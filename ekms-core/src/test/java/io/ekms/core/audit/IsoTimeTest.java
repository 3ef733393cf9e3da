package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoTimeTest {
  private static String format(Instant t) {
    StringBuilder b = new StringBuilder();
    IsoTime.append(b, t);
    return b.toString();
  }

  @Test
  void append_anyTime_writesWhatInstantToStringWrites() {
    List<Instant> times =
        List.of(
            Instant.parse("2025-01-02T03:04:05.678Z"),
            Instant.parse("2025-01-02T03:04:05Z"),
            Instant.parse("2025-01-02T03:04:05.007Z"),
            Instant.parse("2025-01-02T03:04:05.070Z"),
            Instant.parse("2025-01-02T03:04:06.100Z"),
            Instant.parse("1969-12-31T23:59:59.999Z"),
            Instant.parse("+10000-01-01T00:00:00.001Z"),
            Instant.parse("2025-01-02T03:04:05.000001Z"),
            Instant.EPOCH);
    for (Instant t : times) {
      assertThat(format(t)).as(t.toString()).isEqualTo(t.toString());
      assertThat(format(t)).as("cached " + t).isEqualTo(t.toString());
    }
  }
}
