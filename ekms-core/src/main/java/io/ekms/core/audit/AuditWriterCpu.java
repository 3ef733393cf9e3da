package io.ekms.core.audit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the audit writers of this process have cost: the CPU time of their threads (from {@link
 * ThreadMXBean}, user and system, idle polling included) and the records they committed, summed
 * over every {@link AuditLog} ever opened in the JVM. {@code ekms bench} divides the one by the
 * other between two {@link #snapshot()}s; nothing else depends on it.
 */
public final class AuditWriterCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final LongAdder CPU_NANOS = new LongAdder();
  private static final LongAdder RECORDS = new LongAdder();
  private static final LongAdder BATCHES = new LongAdder();

  private AuditWriterCpu() {}

  /** The totals so far. */
  public static Snapshot snapshot() {
    return new Snapshot(CPU_NANOS.sum(), RECORDS.sum(), BATCHES.sum());
  }

  /** True when this JVM can measure a thread's CPU time (HotSpot on Linux can). */
  public static boolean supported() {
    return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
  }

  /** The calling thread's CPU time in nanoseconds, or -1 when it cannot be measured. */
  static long currentThreadCpuNanos() {
    return supported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }

  /** A writer thread reports the CPU it used since its last report and what it committed. */
  static void add(long cpuNanos, long records, long batches) {
    CPU_NANOS.add(cpuNanos);
    RECORDS.add(records);
    BATCHES.add(batches);
  }

  /** Totals at one moment: writer CPU time, records committed, batches committed. */
  public record Snapshot(long cpuNanos, long records, long batches) {
    /** What happened between {@code earlier} and this snapshot. */
    public Snapshot since(Snapshot earlier) {
      return new Snapshot(
          cpuNanos - earlier.cpuNanos, records - earlier.records, batches - earlier.batches);
    }

    /** Writer CPU per record in microseconds; NaN when nothing was committed. */
    public double microsPerRecord() {
      return records == 0 ? Double.NaN : cpuNanos / 1000.0 / records;
    }

    /** Mean records per committed batch; NaN when nothing was committed. */
    public double recordsPerBatch() {
      return batches == 0 ? Double.NaN : (double) records / batches;
    }
  }
}
