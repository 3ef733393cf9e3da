package io.ekms.kms.ekmclient;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * EKM nodes seen failing, shared by every vault's client so that one vault's failure spares the
 * others the wait. A node whose call failed over (no connection, no answer in time, a 5xx) is kept
 * out for {@code holdOff}; once that has passed, the next call is let through to it as a probe
 * (others keep skipping it for another {@code holdOff} meanwhile): an answer brings it back, a
 * failure keeps it out again. When every node left to try is kept out, the one due back soonest is
 * asked rather than none. Time comes from {@code ticker} (nanoseconds), so tests move it.
 *
 * <p>At most {@link #MAX} nodes are remembered; beyond that, a failing node is not kept out.
 */
final class Outages {
  /** How long a failing node is kept out before it is probed. */
  static final Duration DEFAULT_HOLD_OFF = Duration.ofSeconds(5);

  static final int MAX = 4096;
  private static final Logger LOG = System.getLogger(Outages.class.getName());

  private record Outage(long until) {}

  private final LongSupplier ticker;
  private final long holdOff;
  private final ConcurrentHashMap<Object, Outage> out = new ConcurrentHashMap<>();

  Outages(LongSupplier ticker, Duration holdOff) {
    this.ticker = ticker;
    this.holdOff = holdOff.toNanos();
  }

  /**
   * The node of {@code nodes} to ask now, other than {@code tried} (null: none tried yet): the
   * first one not kept out (claiming the probe of one whose hold-off has passed), else the one due
   * back soonest; null when no other node is left.
   */
  <N> N pick(List<N> nodes, Function<N, Transports.Route> route, N tried) {
    long now = ticker.getAsLong();
    N soonest = null;
    long soonestUntil = 0;
    for (N node : nodes) {
      if (node == tried) {
        continue;
      }
      Object id = route.apply(node).id();
      Outage outage = out.get(id);
      if (outage == null) {
        return node;
      }
      if (now - outage.until() >= 0 && out.replace(id, outage, new Outage(now + holdOff))) {
        return node; // this call probes it
      }
      if (soonest == null || outage.until() - soonestUntil < 0) {
        soonest = node;
        soonestUntil = outage.until();
      }
    }
    return soonest;
  }

  /** {@code route}'s node answered (any status below 500): it is in again. */
  void answered(Transports.Route route) {
    if (!out.isEmpty() && out.remove(route.id()) != null) {
      LOG.log(Level.INFO, "EKM node {0} answers again; it is used again", route.origin());
    }
  }

  /** {@code route}'s node failed ({@code why}: a failure kind or HTTP status): keep it out. */
  void failed(Transports.Route route, String why) {
    if (out.size() >= MAX && !out.containsKey(route.id())) {
      return;
    }
    Outage before = out.put(route.id(), new Outage(ticker.getAsLong() + holdOff));
    if (before == null) {
      LOG.log(
          Level.WARNING,
          "EKM node {0} failed ({1}); calls go to the other nodes for {2} ms, then it is probed",
          route.origin(),
          why,
          holdOff / 1_000_000);
    }
  }
}
