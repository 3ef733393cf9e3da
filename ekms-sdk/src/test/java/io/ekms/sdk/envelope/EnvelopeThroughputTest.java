package io.ekms.sdk.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Keeps the throughput tool working; the figures themselves come from running its main. */
class EnvelopeThroughputTest {
  @Test
  void run_smallStream_roundTripsAndReportsPositiveRates() throws Exception {
    var r =
        EnvelopeThroughput.run(
            8L << 20, Envelope.DEFAULT_FRAME_SIZE, Files.createTempDirectory("ekms-throughput-"));
    assertThat(r.envelopeMbps()).isPositive();
    assertThat(r.roundTripMbps()).isPositive();
    assertThat(r.peakHeapBytes()).isPositive();
  }
}
