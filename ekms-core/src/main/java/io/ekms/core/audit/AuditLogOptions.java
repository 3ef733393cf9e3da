package io.ekms.core.audit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How an {@link AuditLog} behaves: the failure {@code policy}; an optional {@code jsonLinesFile}
 * that gets one JSON object per stored record, for a SIEM; {@code maxBatch} records per
 * transaction; at most {@code maxQueue} records waiting; {@code appendTimeout}, the longest an
 * append waits before the record counts as failed under the policy; and {@code groupCommitWait},
 * how long the writer may hold a batch open for more records while appends arrive concurrently (0:
 * never; a lone appender never waits); and {@code nodeId}, the node whose chain this process writes
 * (see {@link AuditNodes}); and {@code chainDirectory}, where the chains are kept as files when the
 * database is an embedded H2 (null: in the database; on PostgreSQL they always are, see {@link
 * FileAuditStore}).
 */
public record AuditLogOptions(
    AuditPolicy policy,
    Path jsonLinesFile,
    int maxBatch,
    int maxQueue,
    Duration appendTimeout,
    Duration groupCommitWait,
    String nodeId,
    Path chainDirectory) {
  public static final int DEFAULT_MAX_BATCH = 256;
  public static final int DEFAULT_MAX_QUEUE = 65_536;
  public static final Duration DEFAULT_APPEND_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_GROUP_COMMIT_WAIT = Duration.ofMillis(1);

  public AuditLogOptions {
    if (policy == null) {
      throw new IllegalArgumentException("audit.policy is required");
    }
    if (maxBatch < 1 || maxBatch > 10_000) {
      throw new IllegalArgumentException("audit.maxBatch must be 1 to 10000");
    }
    if (maxQueue < maxBatch || maxQueue > 1_000_000) {
      throw new IllegalArgumentException("audit.maxQueue must be maxBatch to 1000000");
    }
    if (appendTimeout == null
        || appendTimeout.isNegative()
        || appendTimeout.isZero()
        || appendTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("audit.appendTimeout must be above 0 and at most 10m");
    }
    if (groupCommitWait == null
        || groupCommitWait.isNegative()
        || groupCommitWait.compareTo(Duration.ofMillis(100)) > 0) {
      throw new IllegalArgumentException("audit.groupCommitWait must be 0 to 100ms");
    }
    AuditNodes.requireValid(nodeId);
  }

  /**
   * The defaults with a server's configured policy ({@code REFUSE} or {@code CONTINUE}) and JSON
   * lines file (null for none).
   */
  public static AuditLogOptions configured(String policy, String jsonLinesFile) {
    AuditLogOptions options = defaults().withPolicy(AuditPolicy.valueOf(policy));
    return jsonLinesFile == null
        ? options
        : options.withJsonLinesFile(java.nio.file.Path.of(jsonLinesFile));
  }

  /**
   * REFUSE, no JSON-lines file, batches of 256, 65,536 queued records, 5 s bounded wait, group
   * commit held open up to 1 ms, node {@link AuditNodes#DEFAULT}.
   */
  public static AuditLogOptions defaults() {
    return new AuditLogOptions(
        AuditPolicy.REFUSE,
        null,
        DEFAULT_MAX_BATCH,
        DEFAULT_MAX_QUEUE,
        DEFAULT_APPEND_TIMEOUT,
        DEFAULT_GROUP_COMMIT_WAIT,
        AuditNodes.DEFAULT,
        null);
  }

  public AuditLogOptions withPolicy(AuditPolicy newPolicy) {
    return new AuditLogOptions(
        newPolicy,
        jsonLinesFile,
        maxBatch,
        maxQueue,
        appendTimeout,
        groupCommitWait,
        nodeId,
        chainDirectory);
  }

  public AuditLogOptions withJsonLinesFile(Path file) {
    return new AuditLogOptions(
        policy, file, maxBatch, maxQueue, appendTimeout, groupCommitWait, nodeId, chainDirectory);
  }

  public AuditLogOptions withAppendTimeout(Duration timeout) {
    return new AuditLogOptions(
        policy,
        jsonLinesFile,
        maxBatch,
        maxQueue,
        timeout,
        groupCommitWait,
        nodeId,
        chainDirectory);
  }

  public AuditLogOptions withBatching(int newMaxBatch, int newMaxQueue) {
    return new AuditLogOptions(
        policy,
        jsonLinesFile,
        newMaxBatch,
        newMaxQueue,
        appendTimeout,
        groupCommitWait,
        nodeId,
        chainDirectory);
  }

  public AuditLogOptions withGroupCommitWait(Duration wait) {
    return new AuditLogOptions(
        policy, jsonLinesFile, maxBatch, maxQueue, appendTimeout, wait, nodeId, chainDirectory);
  }

  /** Chains kept as files in {@code directory} on an embedded H2 database (null: as rows). */
  public AuditLogOptions withChainDirectory(Path directory) {
    return new AuditLogOptions(
        policy,
        jsonLinesFile,
        maxBatch,
        maxQueue,
        appendTimeout,
        groupCommitWait,
        nodeId,
        directory);
  }

  public AuditLogOptions withNodeId(String id) {
    return new AuditLogOptions(
        policy,
        jsonLinesFile,
        maxBatch,
        maxQueue,
        appendTimeout,
        groupCommitWait,
        id,
        chainDirectory);
  }
}
