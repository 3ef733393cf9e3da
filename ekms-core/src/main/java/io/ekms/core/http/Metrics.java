package io.ekms.core.http;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.util.List;

/** Prometheus metrics at {@code /metrics}, from the registry Helidon's observer publishes. */
public final class Metrics {
  private Metrics() {}

  /**
   * The registry that Helidon's metrics observer publishes. Helidon 4.5 marks the static accessor
   * for removal in favour of its service registry, which ekms does not use.
   */
  @SuppressWarnings("removal")
  public static MeterRegistry registry() {
    return io.helidon.metrics.api.Metrics.globalRegistry();
  }

  /** The observe feature serving {@code /metrics} on the named socket only. */
  public static ObserveFeature feature(String socket) {
    return ObserveFeature.builder()
        .endpoint("/")
        .addObserver(MetricsObserver.create())
        .sockets(List.of(socket))
        .build();
  }
}
