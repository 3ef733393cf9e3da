package io.ekms.bench;

/**
 * One of the targets, evaluated against a run: what was measured, the goal, and whether it
 * was met, missed (a gap) or not measured (with the reason in {@code measured}).
 */
public record Target(String name, String measured, String goal, Status status) {
  /** The verdict. */
  public enum Status {
    MET,
    GAP,
    NOT_MEASURED;

    static Status of(boolean met) {
      return met ? MET : GAP;
    }
  }
}
