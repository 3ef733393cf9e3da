package io.ekms.core.audit;

import java.util.regex.Pattern;

/**
 * Node ids: every process that writes the audit log is a node with its own hash chain, named by
 * {@code audit.nodeId} (1 to 64 characters: letters, digits, '.', '_' and '-', starting with a
 * letter or digit). {@link #LEGACY} names the chain written before nodes existed (migration V1001);
 * it can never be configured, so no process writes it again.
 */
public final class AuditNodes {
  /** The chain of the single-writer log an upgrade found (hashed in format 1, without a node). */
  public static final String LEGACY = "_legacy";

  /** The node id of an {@link AuditLog} opened with {@link AuditLogOptions#defaults()}. */
  public static final String DEFAULT = "node-1";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private AuditNodes() {}

  /** True for an id a node may be configured with. */
  public static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /**
   * Returns {@code id} when valid.
   *
   * @throws IllegalArgumentException it is not
   */
  public static String requireValid(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(
          "audit.nodeId must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter"
              + " or digit");
    }
    return id;
  }
}
