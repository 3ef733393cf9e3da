package io.ekms.bench;

import io.ekms.core.audit.AuditWriterCpu;
import org.HdrHistogram.Histogram;

/**
 * One measured point: a scenario at one concurrency (closed loop) or one arrival rate (open loop),
 * with throughput, latency percentiles in milliseconds and the error count; and what the audit
 * writers of the servers under test cost meanwhile (see {@link AuditCpu}): the records they
 * committed, their CPU per record in microseconds and the mean records per batch (null when the
 * point wrote no audit record in this JVM).
 */
public record Result(
    String scenario,
    String mode,
    int concurrency,
    double targetRate,
    long ops,
    long errors,
    double seconds,
    double opsPerSecond,
    double p50Ms,
    double p99Ms,
    double p999Ms,
    long auditRecords,
    Double auditCpuMicrosPerRecord,
    Double auditRecordsPerBatch) {

  /** A point without audit figures. */
  public Result(
      String scenario,
      String mode,
      int concurrency,
      double targetRate,
      long ops,
      long errors,
      double seconds,
      double opsPerSecond,
      double p50Ms,
      double p99Ms,
      double p999Ms) {
    this(
        scenario,
        mode,
        concurrency,
        targetRate,
        ops,
        errors,
        seconds,
        opsPerSecond,
        p50Ms,
        p99Ms,
        p999Ms,
        0,
        null,
        null);
  }

  /** This point with the audit writers' cost over the same interval. */
  Result withAudit(AuditWriterCpu.Snapshot audit) {
    boolean any = audit.records() > 0;
    return new Result(
        scenario,
        mode,
        concurrency,
        targetRate,
        ops,
        errors,
        seconds,
        opsPerSecond,
        p50Ms,
        p99Ms,
        p999Ms,
        audit.records(),
        any ? audit.microsPerRecord() : null,
        any ? audit.recordsPerBatch() : null);
  }

  static Result of(
      String scenario,
      String mode,
      int concurrency,
      double targetRate,
      Histogram latencies,
      long errors,
      double seconds) {
    long ops = latencies.getTotalCount();
    return new Result(
        scenario,
        mode,
        concurrency,
        targetRate,
        ops,
        errors,
        seconds,
        ops / seconds,
        ms(latencies, 50),
        ms(latencies, 99),
        ms(latencies, 99.9));
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1_000_000.0;
  }
}
