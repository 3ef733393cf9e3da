package io.ekms.kms.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The deletion window: 7 to 30 days ahead, 30 when not given (as OCI). */
final class Deletions {
  static final Duration MIN = Duration.ofDays(7);
  static final Duration MAX = Duration.ofDays(30);

  private Deletions() {}

  static Instant time(Instant requested, Clock clock) {
    Instant now = clock.instant();
    if (requested == null) {
      return now.plus(MAX);
    }
    // A minute of slack at both ends absorbs the caller's clock and network delay.
    if (requested.isBefore(now.plus(MIN).minusSeconds(60))
        || requested.isAfter(now.plus(MAX).plusSeconds(60))) {
      throw KmsError.INVALID_PARAMETER.error(
          "'timeOfDeletion' must be between 7 and 30 days from now.");
    }
    return requested;
  }
}
