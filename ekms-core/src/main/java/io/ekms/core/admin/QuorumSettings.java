package io.ekms.core.admin;

import java.util.List;

/**
 * Which admin operations wait for other administrators' approval, how many approvals they need
 * ({@code approvals}, 0 = none: every call runs at once, the default), and how long a request waits
 * before it expires ({@code expiryHours}, default 24). {@code operations} left out means the
 * server's default list.
 */
public record QuorumSettings(Integer approvals, List<String> operations, Integer expiryHours) {
  public QuorumSettings {
    approvals = approvals == null ? 0 : approvals;
    expiryHours = expiryHours == null ? 24 : expiryHours;
    operations = operations == null ? null : List.copyOf(operations);
    if (approvals < 0 || approvals > 9) {
      throw new IllegalArgumentException("quorum.approvals must be 0 to 9");
    }
    if (expiryHours < 1 || expiryHours > 24 * 30) {
      throw new IllegalArgumentException("quorum.expiryHours must be 1 to 720");
    }
  }

  /** No quorum: every call runs at once. */
  public static QuorumSettings off() {
    return new QuorumSettings(0, null, null);
  }

  /** These settings, with {@code defaults} as the operations when none were named. */
  public QuorumSettings orOperations(List<String> defaults) {
    return operations != null ? this : new QuorumSettings(approvals, defaults, expiryHours);
  }
}
