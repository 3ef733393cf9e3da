package io.ekms.conformance;

/** How a check ended. */
public enum Verdict {
  PASS,
  FAIL,
  SKIP,
  /** The check could not judge: the connection failed, or the kit hit something unexpected. */
  ERROR
}
