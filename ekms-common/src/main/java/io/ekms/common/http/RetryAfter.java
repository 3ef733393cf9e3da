package io.ekms.common.http;

import java.util.OptionalLong;

/**
 * A {@code Retry-After} header read as the ekms servers send it: whole seconds. The HTTP-date form,
 * anything else or nothing is empty; a number is capped at an hour.
 */
public final class RetryAfter {
  /** The longest wait taken from a server, in seconds. */
  public static final long MAX_SECONDS = 3600;

  private RetryAfter() {}

  /** The header's seconds (0 to {@link #MAX_SECONDS}), or empty; {@code value} may be null. */
  public static OptionalLong seconds(String value) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty() || v.length() > 6 || !v.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.min(MAX_SECONDS, Long.parseLong(v)));
  }
}
