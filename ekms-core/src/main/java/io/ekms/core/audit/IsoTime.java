package io.ekms.core.audit;

import java.time.Instant;

/**
 * Writes an audit time (millisecond precision) as {@link Instant#toString()} does, without a
 * formatter per call: the date and time up to the second are kept for the last second seen, so a
 * busy writer formats a second once. Safe from any thread (the cache is one immutable value).
 */
final class IsoTime {
  /** 9999-12-31T23:59:59Z: beyond it, and before 1970, the JDK's own formatting is used. */
  private static final long LAST_CACHED_SECOND = 253_402_300_799L;

  private static volatile Second last = new Second(-1, "");

  private IsoTime() {}

  static void append(StringBuilder b, Instant time) {
    long second = time.getEpochSecond();
    int millis = time.getNano() / 1_000_000;
    if (second < 0 || second > LAST_CACHED_SECOND || time.getNano() % 1_000_000 != 0) {
      b.append(time);
      return;
    }
    Second s = last;
    if (s.epochSecond != second) {
      String full = Instant.ofEpochSecond(second).toString(); // "…T12:34:56Z"
      s = new Second(second, full.substring(0, full.length() - 1));
      last = s;
    }
    b.append(s.prefix);
    if (millis != 0) {
      b.append('.');
      if (millis < 100) {
        b.append('0');
      }
      if (millis < 10) {
        b.append('0');
      }
      b.append(millis);
    }
    b.append('Z');
  }

  private record Second(long epochSecond, String prefix) {}
}
