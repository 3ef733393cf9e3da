package io.ekms.conformance;

/** A check that cannot run against this target, and why (say which option enables it). */
public final class CheckSkipped extends Exception {
  public CheckSkipped(String message) {
    super(message);
  }
}
