package io.ekms.ekm.domain;

/** Key version lifecycle. DESTROYED is final: the material is erased and its ciphertexts lost. */
public enum KeyVersionState {
  ACTIVE,
  DISABLED,
  DESTROYED;

  public boolean canBecome(KeyVersionState next) {
    return switch (this) {
      case ACTIVE -> next == DISABLED || next == DESTROYED;
      case DISABLED -> next == ACTIVE || next == DESTROYED;
      case DESTROYED -> false;
    };
  }
}
