package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private final StringWriter text = new StringWriter();
  private final PrintWriter err = new PrintWriter(text);

  @Test
  void forFile_largeFileOnATerminal_redrawsOncePerPercentAndEndsTheLine() {
    long total = 100L << 20;
    LongConsumer bar = ProgressBar.forFile(err, "encrypting", total, true);
    bar.accept(total / 2);
    bar.accept(total / 2 + 1);
    bar.accept(total);
    assertThat(text.toString())
        .isEqualTo(
            "\rencrypting [###############               ] 50% of 100 MiB"
                + "\rencrypting [##############################] 100% of 100 MiB"
                + System.lineSeparator());
  }

  @Test
  void forFile_notATerminal_printsNothing() {
    ProgressBar.forFile(err, "encrypting", 100L << 20, false).accept(50L << 20);
    assertThat(text.toString()).isEmpty();
  }

  @Test
  void forFile_smallFile_printsNothing() {
    ProgressBar.forFile(err, "encrypting", ProgressBar.THRESHOLD, true).accept(1);
    assertThat(text.toString()).isEmpty();
  }
}
