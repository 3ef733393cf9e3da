package io.ekms.core.audit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code audit:} section of every server's configuration file: the failure {@code policy}
 * (REFUSE, the default, or CONTINUE), the JSON-lines copy for a SIEM (null: none), {@code
 * groupCommitWaitMillis}, how long the writer may hold a batch open while appends arrive
 * concurrently (null: {@link AuditLogOptions#DEFAULT_GROUP_COMMIT_WAIT}; 0: never), and {@code
 * nodeId}, the node whose hash chain this process writes (null: the id kept in the data directory's
 * {@value NodeIdFile#NAME} file, made on first start; see {@link AuditNodes}).
 */
public record AuditSettings(
    String policy, String jsonLinesFile, Integer groupCommitWaitMillis, String nodeId) {
  /** Where a server on the embedded H2 database keeps its chain files, under its data directory. */
  public static final String CHAIN_DIRECTORY = "audit-chains";

  public AuditSettings {
    policy = policy == null ? "REFUSE" : policy;
    if (!policy.equals("REFUSE") && !policy.equals("CONTINUE")) {
      throw new IllegalArgumentException("audit.policy must be REFUSE or CONTINUE");
    }
    if (groupCommitWaitMillis != null
        && (groupCommitWaitMillis < 0 || groupCommitWaitMillis > 100)) {
      throw new IllegalArgumentException("audit.groupCommitWaitMillis must be 0 to 100");
    }
    if (nodeId != null) {
      AuditNodes.requireValid(nodeId);
    }
  }

  /** What a server uses without an {@code audit:} section: REFUSE, JSON lines under {@code dir}. */
  public static AuditSettings defaultsIn(Path dir) {
    return new AuditSettings(null, dir.resolve("audit.jsonl").toString(), null, null);
  }

  /**
   * The audit log's options for these settings, the node id left out taken from (or first made in)
   * {@code dataDir}.
   *
   * @throws io.ekms.common.config.Misconfiguration the node id file cannot be read or made, or
   *     holds no valid id
   */
  public AuditLogOptions options(Path dataDir) {
    return options()
        .withNodeId(nodeId != null ? nodeId : NodeIdFile.readOrCreate(dataDir))
        .withChainDirectory(dataDir.resolve(CHAIN_DIRECTORY));
  }

  /** The audit log's options for these settings; without a configured node id, the default. */
  public AuditLogOptions options() {
    AuditLogOptions options = AuditLogOptions.configured(policy, jsonLinesFile);
    if (nodeId != null) {
      options = options.withNodeId(nodeId);
    }
    return groupCommitWaitMillis == null
        ? options
        : options.withGroupCommitWait(Duration.ofMillis(groupCommitWaitMillis));
  }
}
