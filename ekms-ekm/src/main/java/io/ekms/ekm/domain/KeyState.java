package io.ekms.ekm.domain;

/**
 * Key lifecycle. A deleted key first waits in PENDING_DELETION (refusing every call, its versions
 * intact, the deletion cancellable back to DISABLED) until its deletion time; DELETED is final: the
 * key answers 404 and its versions are destroyed.
 */
public enum KeyState {
  ACTIVE,
  DISABLED,
  PENDING_DELETION,
  DELETED;

  /**
   * Whether an administrator may move a key from this state to {@code next} by a state change;
   * staying is not a change. A pending deletion moves only by its cancellation or its pass.
   */
  public boolean canBecome(KeyState next) {
    return switch (this) {
      case ACTIVE -> next == DISABLED || next == PENDING_DELETION || next == DELETED;
      case DISABLED -> next == ACTIVE || next == PENDING_DELETION || next == DELETED;
      case PENDING_DELETION, DELETED -> false; // a cancellation or the deletion pass moves it
    };
  }

  /** The state the EKM API shows: a key pending deletion is, to its callers, disabled. */
  public String wireName() {
    return this == PENDING_DELETION ? DISABLED.name() : name();
  }
}
