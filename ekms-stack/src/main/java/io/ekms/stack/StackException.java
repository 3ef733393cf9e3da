package io.ekms.stack;

/** A {@link LoopbackStack} cannot start, for a reason one sentence tells. */
public final class StackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StackException(String message) {
    super(message, null, false, false);
  }
}
