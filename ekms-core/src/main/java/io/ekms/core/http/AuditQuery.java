package io.ekms.core.http;

import io.ekms.core.audit.AuditEntry;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditNodes;
import java.util.function.Function;

/**
 * A page of the audit log an admin asked for, from the query parameters {@code node} (whose chain;
 * default: the node answering), {@code after} (the last seq seen in that chain, default 0), {@code
 * limit} (1 to {@link AuditLog#MAX_READ}, default 100) and {@code requestId} (optional). Parsed at
 * the edge, so a bad parameter is the API's 400, never a failure inside {@link AuditLog#read}.
 */
public record AuditQuery(long after, int limit, String requestId, String node) {
  /** The page {@code request}'s query parameters ask for (see {@link #parse}). */
  public static AuditQuery of(Request request, Function<String, RuntimeException> invalid) {
    return parse(
        request.query("after").orElse(null),
        request.query("limit").orElse(null),
        request.query("requestId").orElse(null),
        request.query("node").orElse(null),
        invalid);
  }

  /** As {@link #parse(String, String, String, String, Function)} without a node. */
  public static AuditQuery parse(
      String after, String limit, String requestId, Function<String, RuntimeException> invalid) {
    return parse(after, limit, requestId, null, invalid);
  }

  /**
   * Parses the parameters as sent (null when absent); {@code invalid} makes the API's 400 from a
   * sentence naming the parameter.
   */
  public static AuditQuery parse(
      String after,
      String limit,
      String requestId,
      String node,
      Function<String, RuntimeException> invalid) {
    long afterSeq = number(after, 0, Long.MAX_VALUE, "after", invalid);
    int max = (int) number(limit, 100, AuditLog.MAX_READ, "limit", invalid);
    if (max < 1) {
      throw invalid.apply("'limit' must be 1 to " + AuditLog.MAX_READ + ".");
    }
    if (requestId != null && !RequestId.isValid(requestId)) {
      throw invalid.apply("'requestId' is not a request id.");
    }
    if (node != null && !AuditNodes.isValid(node) && !node.equals(AuditNodes.LEGACY)) {
      throw invalid.apply("'node' is not a node id.");
    }
    return new AuditQuery(afterSeq, max, requestId, node);
  }

  private static long number(
      String value,
      long fallback,
      long max,
      String name,
      Function<String, RuntimeException> invalid) {
    if (value == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(value);
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw invalid.apply("'" + name + "' must be a number from 0 to " + max + ".");
  }

  /** The page, of the answering node's chain unless another node was asked for. */
  public java.util.List<AuditEntry> read(AuditLog log) {
    return log.read(node == null ? log.nodeId() : node, after, limit, requestId);
  }
}
