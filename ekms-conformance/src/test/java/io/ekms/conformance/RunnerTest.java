package io.ekms.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerTest {
  @Test
  void run_eachVerdict_recordedInOrderAndRunContinues() {
    List<Outcome> heard = new ArrayList<>();
    Report report =
        new Runner(Clock.systemUTC(), heard::add)
            .run(
                "xks",
                "https://ekm.test",
                List.of(
                    Check.of("a.pass", "passes", () -> {}),
                    Check.of("a.fail", "fails", () -> Expect.that(false, "wrong answer")),
                    Check.of(
                        "a.skip",
                        "skips",
                        () -> {
                          throw new CheckSkipped("needs --x");
                        }),
                    Check.of(
                        "a.error",
                        "errs",
                        () -> {
                          throw new ConnectException("refused");
                        }),
                    new Check("a.note", "notes", () -> "p99 3 ms")));

    assertThat(report.outcomes())
        .extracting(Outcome::verdict)
        .containsExactly(Verdict.PASS, Verdict.FAIL, Verdict.SKIP, Verdict.ERROR, Verdict.PASS);
    assertThat(report.outcomes())
        .extracting(Outcome::detail)
        .containsExactly("", "wrong answer", "needs --x", "cannot connect: refused", "p99 3 ms");
    assertThat(heard).isEqualTo(report.outcomes());
    assertThat(report.conforms()).isFalse();
  }

  @Test
  void conforms_onlyPassesAndSkips_true() {
    Report report =
        new Runner(Clock.systemUTC(), o -> {})
            .run(
                "oci-ekm",
                "u",
                List.of(
                    Check.of("p", "p", () -> {}),
                    Check.of(
                        "s",
                        "s",
                        () -> {
                          throw new CheckSkipped("why");
                        })));
    assertThat(report.conforms()).isTrue();
    assertThat(report.count(Verdict.SKIP)).isEqualTo(1);
  }
}
