package io.ekms.core.audit;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one audited operation of any API: the work, then its record in the audit log before the
 * caller is answered. A success is only returned once its record is durable (under REFUSE the log
 * throws {@link AuditUnavailableException}, which each API answers with its own 503). A failure is
 * recorded with the code its caller is answered ({@code codeOf}, the API's error table), and the
 * caller's error wins over a failure to record it.
 */
public final class AuditTrail {
  /** The result of a successful operation. */
  public static final String OK = "OK";

  /** What an operation touched; any part may be null. */
  public record Target(String vault, String key, String version) {
    public static final Target NONE = new Target(null, null, null);
  }

  private final AuditLog log;
  private final Clock clock;
  private final Function<Throwable, String> codeOf;

  /** {@code codeOf}: the stable code an API answers a failure with. */
  public AuditTrail(AuditLog log, Clock clock, Function<Throwable, String> codeOf) {
    this.log = Objects.requireNonNull(log);
    this.clock = Objects.requireNonNull(clock);
    this.codeOf = Objects.requireNonNull(codeOf);
  }

  /** The same trail, recording failures with the codes {@code codes} gives. */
  public AuditTrail withCodes(Function<Throwable, String> codes) {
    return new AuditTrail(log, clock, codes);
  }

  /**
   * Runs {@code work} and records its outcome: {@link #OK} with the target {@code targetOf(result)}
   * (when not null) and the details {@code detailsOf(result)} (when not null), or the failure's
   * code with {@code target}.
   */
  public <T> T run(
      AuditSubject who,
      String operation,
      Target target,
      Function<T, Target> targetOf,
      Function<T, Map<String, String>> detailsOf,
      Supplier<T> work) {
    T result;
    try {
      result = work.get();
    } catch (AuditUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      recordQuietly(who, operation, target, codeOf.apply(e), Map.of());
      throw e;
    }
    record(
        who,
        operation,
        targetOf == null ? target : targetOf.apply(result),
        OK,
        detailsOf == null ? Map.of() : detailsOf.apply(result));
    return result;
  }

  /**
   * Appends one record: the subject's details, the notes on its mark, and {@code details} (which
   * win on a clash).
   *
   * @throws AuditUnavailableException when the log refuses it
   */
  public void record(
      AuditSubject who,
      String operation,
      Target target,
      String result,
      Map<String, String> details) {
    who.mark().markRecorded();
    Map<String, String> all = details;
    Map<String, String> notes = who.mark().notes();
    if (!who.details().isEmpty() || !notes.isEmpty()) {
      all = new HashMap<>(who.details());
      all.putAll(notes);
      all.putAll(details);
    }
    log.append(
        AuditRecord.clipped(
            clock.instant(),
            who.requestId(),
            who.caller(),
            operation,
            target.vault(),
            target.key(),
            target.version(),
            result,
            all));
  }

  /** For failures decided outside {@link #run}: the caller's error wins over an audit failure. */
  public void recordQuietly(
      AuditSubject who,
      String operation,
      Target target,
      String result,
      Map<String, String> details) {
    try {
      record(who, operation, target, result, details);
    } catch (AuditUnavailableException ignored) {
      // The original error is what the caller must see; the log reports its own failure.
    }
  }

  /**
   * Records a failure of a request whose service recorded nothing (it failed before one ran: a
   * malformed body or id); a no-op when its record was written already.
   */
  public void recordIfPending(AuditSubject who, String operation, Target target, String result) {
    if (!who.mark().isRecorded()) {
      recordQuietly(who, operation, target, result, Map.of());
    }
  }
}
