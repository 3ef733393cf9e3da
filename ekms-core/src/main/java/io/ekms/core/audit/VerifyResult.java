package io.ekms.core.audit;

/**
 * The outcome of {@link AuditLog#verify()}: {@code checked} records were recomputed and linked
 * correctly; when {@code ok} is false, {@code firstBadSeq} is the first sequence number where the
 * chain breaks (a missing seq for a removed record) and {@code reason} says how.
 */
public record VerifyResult(boolean ok, long checked, Long firstBadSeq, String reason) {
  public VerifyResult {
    if (ok != (firstBadSeq == null)) {
      throw new IllegalArgumentException("verify result: firstBadSeq is set exactly when not ok");
    }
  }

  static VerifyResult good(long checked) {
    return new VerifyResult(true, checked, null, null);
  }

  static VerifyResult bad(long checked, long seq, String reason) {
    return new VerifyResult(false, checked, seq, reason);
  }
}
