package io.ekms.conformance;

/** A check's verdict that the EKM does not conform, with what it answered instead. */
public final class CheckFailed extends Exception {
  public CheckFailed(String message) {
    super(message);
  }
}
