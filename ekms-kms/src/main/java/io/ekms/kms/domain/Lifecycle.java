package io.ekms.kms.domain;

/**
 * Lifecycle states, named as the OCI SDK's enums spell them on the wire. Each resource uses the
 * subset that applies to it.
 */
public enum Lifecycle {
  CREATING,
  ACTIVE,
  ENABLED,
  DISABLED,
  PENDING_DELETION,
  DELETED;

  /** Whether crypto may use a key or key version in this state. */
  public boolean usable() {
    return this == ENABLED || this == ACTIVE;
  }
}
