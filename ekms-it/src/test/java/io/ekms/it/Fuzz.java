package io.ekms.it;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * Sends a seeded list of hostile requests with a few concurrent callers and keeps every outcome:
 * the answer, or the connection failure (a dropped connection is a finding, never retried).
 */
final class Fuzz {
  /** One generated request; {@code path} is already percent-encoded. */
  record Case(int n, String method, String path, String body) {
    /** The request id that ties the case to its audit record. */
    String requestId(String run) {
      return run + "-" + n;
    }
  }

  /** What one case got back: an answer, or {@code dropped} naming the failure. */
  record Outcome(Case fuzzCase, String requestId, Answer answer, String dropped) {}

  private static final String NO_ROUTE = "There is no such operation at this path.";

  private Fuzz() {}

  /**
   * True when the request reached an API handler: it was answered, not by the web server itself
   * (414 URI too long, 431 headers too large, 413) before routing, nor by the no-route fallback.
   */
  static boolean reachedHandler(Outcome o) {
    Answer a = o.answer();
    return a != null
        && a.status() != 413
        && a.status() != 414
        && a.status() != 431
        && !NO_ROUTE.equals(a.message());
  }

  /** One line for a report: the case's number, method, the start of its path, and the answer. */
  static String describe(Outcome o) {
    String path = o.fuzzCase().path();
    return "#"
        + o.fuzzCase().n()
        + " "
        + o.fuzzCase().method()
        + " "
        + (path.length() > 120 ? path.substring(0, 120) + "..." : path)
        + " -> "
        + (o.answer() == null ? "dropped: " + o.dropped() : o.answer());
  }

  static List<Outcome> send(
      List<Case> cases, String run, int callers, BiFunction<Case, String, Answer> sender)
      throws Exception {
    List<Outcome> out = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService pool =
        Executors.newFixedThreadPool(callers, Thread.ofVirtual().factory())) {
      List<Future<?>> done = new ArrayList<>();
      for (Case c : cases) {
        done.add(
            pool.submit(
                () -> {
                  String id = c.requestId(run);
                  try {
                    out.add(new Outcome(c, id, sender.apply(c, id), null));
                  } catch (UncheckedIOException e) {
                    out.add(new Outcome(c, id, null, String.valueOf(e.getCause())));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    return out;
  }

  /** {@code value} as one path segment: every byte but the unreserved ones percent-encoded. */
  static String segment(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}
