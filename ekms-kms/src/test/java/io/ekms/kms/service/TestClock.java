package io.ekms.kms.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests set and advance; it stands still otherwise. */
final class TestClock extends Clock {
  private volatile Instant now;
  private volatile Runnable onRead = () -> {};

  TestClock(Instant start) {
    this.now = start;
  }

  void set(Instant instant) {
    now = instant;
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  /** Runs {@code hook} at every read of the clock, before answering (null: nothing). */
  void onRead(Runnable hook) {
    onRead = hook == null ? () -> {} : hook;
  }

  @Override
  public Instant instant() {
    onRead.run();
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
