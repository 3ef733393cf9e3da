package io.ekms.ekm.backend;

/** The handle names no usable key (destroyed, or its sealed form is damaged). */
public final class KeyUnusableException extends RuntimeException {
  public KeyUnusableException(String message) {
    super(message, null, false, false);
  }
}
