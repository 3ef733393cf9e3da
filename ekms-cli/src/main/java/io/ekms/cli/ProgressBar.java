package io.ekms.cli;

import java.io.PrintWriter;
import java.util.function.LongConsumer;

/**
 * A one-line progress bar on stderr, redrawn with a carriage return at each whole percent. Shown
 * only for files over {@link #THRESHOLD} and when stderr is a terminal ({@code System.console()} is
 * the usual proxy), so scripts and logs never see it.
 */
final class ProgressBar implements LongConsumer {
  static final long THRESHOLD = 8L << 20;
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final String label;
  private final long total;
  private int shown = -1;

  private ProgressBar(PrintWriter err, String label, long total) {
    this.err = err;
    this.label = label;
    this.total = total;
  }

  /** A bar for {@code total} bytes when it is worth showing, else a listener that does nothing. */
  static LongConsumer forFile(PrintWriter err, String label, long total) {
    return forFile(err, label, total, System.console() != null);
  }

  static LongConsumer forFile(PrintWriter err, String label, long total, boolean terminal) {
    return total > THRESHOLD && terminal ? new ProgressBar(err, label, total) : read -> {};
  }

  @Override
  public void accept(long read) {
    int percent = (int) Math.min(100, read * 100 / total);
    if (percent == shown) {
      return;
    }
    shown = percent;
    int filled = percent * WIDTH / 100;
    err.print(
        "\r"
            + label
            + " ["
            + "#".repeat(filled)
            + " ".repeat(WIDTH - filled)
            + "] "
            + percent
            + "% of "
            + (total >> 20)
            + " MiB");
    if (percent == 100) {
      err.println();
    }
    err.flush();
  }
}
