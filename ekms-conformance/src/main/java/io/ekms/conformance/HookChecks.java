package io.ekms.conformance;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The checks every protocol shares, built on one {@link Probe}: the kill switch (a disabled key is
 * refused on the very next call and works again once enabled), a transient fault (answered as
 * "unavailable", never as "denied": a cloud disables a key it is denied), and latency against the
 * cloud's budget.
 */
public final class HookChecks {
  /** How many calls the kit makes waiting for a fault to show or to clear. */
  static final int FAULT_POLLS = 200;

  private final String prefix;
  private final Hooks hooks;
  private final Probe probe;

  public HookChecks(String prefix, Hooks hooks, Probe probe) {
    this.prefix = prefix;
    this.hooks = hooks;
    this.probe = probe;
  }

  /**
   * Disable, one call that {@code refused} must accept (described as {@code expected}), enable, one
   * call that must succeed.
   */
  public Check killSwitch(Predicate<Answer> refused, String expected) {
    return Check.of(
        prefix + ".state.disabled-key-refused",
        "a key disabled through the admin hook is refused on the next call, and works once enabled",
        () -> {
          Hook disable = need(hooks.disable(), "disable");
          Hook enable = need(hooks.enable(), "enable");
          Answer answer;
          try {
            disable.run();
            answer = probe.call();
          } finally {
            enable.run();
          }
          Expect.that(
              refused.test(answer),
              "after disable, expected " + expected + ", got " + answer.brief());
          Answer again = probe.call();
          Expect.that(again.status() / 100 == 2, "after enable, got " + again.brief());
        });
  }

  /**
   * Fault, calls until one is refused (that one must be {@code unavailable}, described as {@code
   * expected}), recover, calls until one succeeds.
   */
  public Check transientFault(Predicate<Answer> unavailable, String expected) {
    return Check.of(
        prefix + ".state.transient-fault-unavailable",
        "a dependency that is down is answered as unavailable, never as denied, and recovers",
        () -> {
          Hook fault = need(hooks.fault(), "fault");
          Hook recover = need(hooks.recover(), "recover");
          Answer refused;
          try {
            fault.run();
            refused = until(a -> a.status() / 100 != 2, "refused while the fault lasts");
          } finally {
            recover.run();
          }
          Expect.that(
              unavailable.test(refused),
              "during the fault, expected " + expected + ", got " + refused.brief());
          until(a -> a.status() / 100 == 2, "served again after recovery");
        });
  }

  /** {@code calls} sequential calls after a warm-up; the p99 must keep within {@code budget}. */
  public Check latency(Duration budget, int calls) {
    return new Check(
        prefix + ".latency.p99-within-budget",
        "p99 of sequential calls within the cloud's budget for one call",
        () -> {
          for (int i = 0; i < Math.min(20, calls); i++) {
            Answer warm = probe.call();
            Expect.that(warm.status() / 100 == 2, "warm-up call: " + warm.brief());
          }
          var latency = new Latency(calls);
          for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            Answer answer = probe.call();
            latency.add(System.nanoTime() - start);
            Expect.that(answer.status() / 100 == 2, "call " + i + ": " + answer.brief());
          }
          return latency.judge(budget);
        });
  }

  private Answer until(Predicate<Answer> wanted, String what) throws Exception {
    Answer last = null;
    for (int i = 0; i < FAULT_POLLS; i++) {
      last = probe.call();
      if (wanted.test(last)) {
        return last;
      }
      Thread.sleep(Duration.ofMillis(25));
    }
    throw new CheckFailed("never " + what + " in " + FAULT_POLLS + " calls; last " + last.brief());
  }

  private static Hook need(java.util.Optional<Hook> hook, String name) throws CheckSkipped {
    return hook.orElseThrow(() -> new CheckSkipped("needs the --" + name + "-hook command"));
  }
}
