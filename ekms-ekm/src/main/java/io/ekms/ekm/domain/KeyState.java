package io.ekms.ekm.domain;

/** Key lifecycle. DELETED is final: the key answers 404 and its versions are destroyed. */
public enum KeyState {
  ACTIVE,
  DISABLED,
  DELETED;

  /** Whether an admin may move a key from this state to {@code next}. */
  public boolean canBecome(KeyState next) {
    return switch (this) {
      case ACTIVE -> next == DISABLED || next == DELETED;
      case DISABLED -> next == ACTIVE || next == DELETED;
      case DELETED -> false;
    };
  }
}
