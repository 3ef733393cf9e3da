package io.ekms.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures everything logged through JUL (ekms, Helidon, Hikari, Flyway) while installed. */
public final class LogCapture extends Handler implements AutoCloseable {
  private final StringBuffer text = new StringBuffer();
  private final Logger root = Logger.getLogger("");
  private final Level previous = root.getLevel();

  public LogCapture() {
    setLevel(Level.ALL);
    root.setLevel(Level.ALL);
    root.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    text.append(record.getLevel())
        .append(' ')
        .append(record.getLoggerName())
        .append(": ")
        .append(record.getMessage());
    if (record.getParameters() != null) {
      for (Object p : record.getParameters()) {
        text.append(" | ").append(p);
      }
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      text.append('\n').append(trace);
    }
    text.append('\n');
  }

  public String text() {
    return text.toString();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
    root.setLevel(previous);
  }
}
