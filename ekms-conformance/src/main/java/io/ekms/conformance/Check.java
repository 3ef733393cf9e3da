package io.ekms.conformance;

/**
 * One named check of a protocol: a stable id (what reports, CI and vendors refer to), one line
 * saying what it proves, and the body that sends the requests and judges the answers.
 *
 * @param id stable, dotted, e.g. {@code xks.aad.binding}
 * @param title what a pass proves, in one line
 * @param body throws {@link CheckFailed} with what was wrong, or {@link CheckSkipped} when the
 *     target lacks what the check needs (a hook, a second key); returns a note for the report
 *     (figures measured), empty when there is nothing to say
 */
public record Check(String id, String title, Body body) {
  /** What a check does, and what it has to report when it passes. */
  @FunctionalInterface
  public interface Body {
    String run() throws Exception;
  }

  /** What most checks do: judge, with nothing to report on a pass. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  /** A check with nothing to report on a pass. */
  public static Check of(String id, String title, Action action) {
    return new Check(
        id,
        title,
        () -> {
          action.run();
          return "";
        });
  }
}
