package io.ekms.core.audit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code audit:} section of every server's configuration file: the failure {@code policy}
 * (REFUSE, the default, or CONTINUE), the JSON-lines copy for a SIEM (null: none), and {@code
 * groupCommitWaitMillis}, how long the writer may hold a batch open while appends arrive
 * concurrently (null: {@link AuditLogOptions#DEFAULT_GROUP_COMMIT_WAIT}; 0: never).
 */
public record AuditSettings(String policy, String jsonLinesFile, Integer groupCommitWaitMillis) {
  public AuditSettings {
    policy = policy == null ? "REFUSE" : policy;
    if (!policy.equals("REFUSE") && !policy.equals("CONTINUE")) {
      throw new IllegalArgumentException("audit.policy must be REFUSE or CONTINUE");
    }
    if (groupCommitWaitMillis != null
        && (groupCommitWaitMillis < 0 || groupCommitWaitMillis > 100)) {
      throw new IllegalArgumentException("audit.groupCommitWaitMillis must be 0 to 100");
    }
  }

  /** What a server uses without an {@code audit:} section: REFUSE, JSON lines under {@code dir}. */
  public static AuditSettings defaultsIn(Path dir) {
    return new AuditSettings(null, dir.resolve("audit.jsonl").toString(), null);
  }

  /** The audit log's options for these settings. */
  public AuditLogOptions options() {
    AuditLogOptions options = AuditLogOptions.configured(policy, jsonLinesFile);
    return groupCommitWaitMillis == null
        ? options
        : options.withGroupCommitWait(Duration.ofMillis(groupCommitWaitMillis));
  }
}
