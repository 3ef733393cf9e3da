package io.ekms.conformance;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * Runs checks one after another, in order, and records each outcome. A check never stops the run:
 * one that fails, skips or throws is recorded and the next one starts.
 */
public final class Runner {
  private final Clock clock;
  private final Consumer<Outcome> progress;

  /** {@code progress} hears of every outcome as soon as it is known (the terminal's live lines). */
  public Runner(Clock clock, Consumer<Outcome> progress) {
    this.clock = clock;
    this.progress = progress;
  }

  public Report run(String suite, String endpoint, List<Check> checks) {
    var started = clock.instant();
    List<Outcome> outcomes = new ArrayList<>();
    for (Check check : checks) {
      Outcome outcome = runOne(check);
      outcomes.add(outcome);
      progress.accept(outcome);
    }
    return new Report(suite, endpoint, started, outcomes);
  }

  private Outcome runOne(Check check) {
    var start = clock.instant();
    Verdict verdict;
    String detail = "";
    try {
      detail = check.body().run();
      verdict = Verdict.PASS;
    } catch (CheckFailed e) {
      verdict = Verdict.FAIL;
      detail = e.getMessage();
    } catch (CheckSkipped e) {
      verdict = Verdict.SKIP;
      detail = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      verdict = Verdict.ERROR;
      detail = "interrupted";
    } catch (Exception e) {
      verdict = Verdict.ERROR;
      detail = describe(e);
    }
    return new Outcome(
        check.id(), check.title(), verdict, detail, Duration.between(start, clock.instant()));
  }

  /** One sentence for an exception a check did not expect, naming its kind, never a stack. */
  static String describe(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    String kind =
        switch (t) {
          case ConnectException c -> "cannot connect";
          case HttpTimeoutException h -> "no answer in time";
          case SSLException s -> "TLS failed";
          default -> t.getClass().getSimpleName();
        };
    return t.getMessage() == null ? kind : kind + ": " + t.getMessage();
  }
}
