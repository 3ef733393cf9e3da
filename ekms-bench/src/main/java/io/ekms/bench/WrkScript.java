package io.ekms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The Lua script that makes wrk send one {@link Replayable.Wire} request and print its summary as
 * one JSON line ({@value #MARK} first), and the parser of that line.
 */
final class WrkScript {
  static final String MARK = "EKMS-WRK ";

  /** Prints the totals as one JSON line (wrk's latencies are in microseconds). */
  private static final String DONE =
      "done = function(summary, latency, requests)\n"
          + "  local e = summary.errors\n"
          + "  io.write(string.format('"
          + MARK
          + "{\"requests\":%.0f,\"durationMicros\":%.0f,\"connect\":%.0f,\"read\":%.0f,"
          + "\"write\":%.0f,\"status\":%.0f,\"timeout\":%.0f,\"p50\":%.0f,\"p99\":%.0f,"
          + "\"p999\":%.0f}\\n',\n"
          + "    summary.requests, summary.duration, e.connect, e.read, e.write, e.status,"
          + " e.timeout,\n"
          + "    latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))\n"
          + "end\n";

  /**
   * wrk's totals: responses (any status), time, errors by kind (status: answers outside 2xx and
   * 3xx) and latency percentiles in microseconds.
   */
  record Summary(
      long requests,
      long durationMicros,
      long connectErrors,
      long readErrors,
      long writeErrors,
      long statusErrors,
      long timeouts,
      double p50Micros,
      double p99Micros,
      double p999Micros) {
    Result toResult(String scenario, int concurrency) {
      long ok = requests - statusErrors;
      long errors = statusErrors + connectErrors + readErrors + writeErrors + timeouts;
      double seconds = durationMicros / 1e6;
      return new Result(
          scenario,
          "closed",
          concurrency,
          0,
          ok,
          errors,
          seconds,
          ok / seconds,
          p50Micros / 1000,
          p99Micros / 1000,
          p999Micros / 1000);
    }
  }

  private WrkScript() {}

  /** The script for {@code wire} (the URL goes on wrk's command line). */
  static String of(Replayable.Wire wire) {
    StringBuilder s = new StringBuilder();
    s.append("wrk.method = ").append(quote(wire.method())).append('\n');
    s.append("wrk.body = ")
        .append(quote(new String(wire.body(), StandardCharsets.UTF_8)))
        .append('\n');
    wire.headers()
        .forEach(
            (name, value) ->
                s.append("wrk.headers[")
                    .append(quote(name))
                    .append("] = ")
                    .append(quote(value))
                    .append('\n'));
    s.append(DONE);
    return s.toString();
  }

  /** The summary in wrk's output; fails when the script's line is missing. */
  static Summary parse(String output) {
    int at = output.lastIndexOf(MARK);
    if (at < 0) {
      throw new IllegalStateException("wrk printed no summary: " + output.strip());
    }
    int end = output.indexOf('\n', at);
    String line = output.substring(at + MARK.length(), end < 0 ? output.length() : end);
    try {
      JsonNode n = Json.mapper().readTree(line);
      return new Summary(
          n.path("requests").asLong(),
          n.path("durationMicros").asLong(),
          n.path("connect").asLong(),
          n.path("read").asLong(),
          n.path("write").asLong(),
          n.path("status").asLong(),
          n.path("timeout").asLong(),
          n.path("p50").asDouble(),
          n.path("p99").asDouble(),
          n.path("p999").asDouble());
    } catch (IOException e) {
      throw new IllegalStateException("wrk's summary is not JSON: " + line, e);
    }
  }

  /** A Lua string literal: every byte outside printable ASCII, quotes and backslashes escaped. */
  static String quote(String value) {
    StringBuilder s = new StringBuilder("\"");
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '"' || c == '\\') {
        s.append('\\').append((char) c);
      } else if (c < 0x20 || c >= 0x7f) {
        s.append(String.format("\\%03d", c));
      } else {
        s.append((char) c);
      }
    }
    return s.append('"').toString();
  }
}
