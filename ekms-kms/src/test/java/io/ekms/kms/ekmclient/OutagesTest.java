package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.tls.Pem;
import io.ekms.core.tls.LocalCa;
import io.ekms.kms.egress.EgressPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which node is asked: order, hold-off, one probe at a time, and the soonest back when all out. */
class OutagesTest {
  static final long SECOND = Duration.ofSeconds(1).toNanos();
  final AtomicLong ticker = new AtomicLong();
  final Outages outages = new Outages(ticker::get, Duration.ofSeconds(5));
  final Transports transports =
      new Transports(EkmClientConfig.defaults(), EgressPolicy.of(List.of(), List.of(), true), 4);
  final Transports.Route a = route(1001);
  final Transports.Route b = route(1002);
  final Transports.Route c = route(1003);
  final List<Transports.Route> all = List.of(a, b, c);
  final Function<Transports.Route, Transports.Route> self = r -> r;

  @AfterEach
  void close() {
    transports.close();
  }

  @Test
  void pick_noneOut_firstInOrder() {
    assertThat(outages.pick(all, self, null)).isSameAs(a);
    assertThat(outages.pick(all, self, a)).isSameAs(b);
  }

  @Test
  void pick_firstOut_nextInOrder() {
    outages.failed(a, "HTTP 503");

    assertThat(outages.pick(all, self, null)).isSameAs(b);
    assertThat(outages.pick(all, self, b)).isSameAs(c);
  }

  @Test
  void pick_holdOffPassed_oneCallProbesAndOthersKeepSkippingIt() {
    outages.failed(a, "HTTP 503");
    ticker.addAndGet(5 * SECOND);

    assertThat(outages.pick(all, self, null)).isSameAs(a); // the probe
    assertThat(outages.pick(all, self, null)).isSameAs(b); // while it runs
    outages.answered(a);
    assertThat(outages.pick(all, self, null)).isSameAs(a);
  }

  @Test
  void pick_probeNeverReports_probedAgainAfterAnotherHoldOff() {
    outages.failed(a, "CONNECT_FAILED");
    ticker.addAndGet(5 * SECOND);
    assertThat(outages.pick(all, self, null)).isSameAs(a);

    ticker.addAndGet(5 * SECOND - 1);
    assertThat(outages.pick(all, self, null)).isSameAs(b);
    ticker.incrementAndGet();
    assertThat(outages.pick(all, self, null)).isSameAs(a);
  }

  @Test
  void pick_allOut_theOneDueBackSoonest() {
    outages.failed(c, "TIMED_OUT");
    ticker.addAndGet(SECOND);
    outages.failed(a, "TIMED_OUT");
    ticker.addAndGet(SECOND);
    outages.failed(b, "TIMED_OUT");

    assertThat(outages.pick(all, self, null)).isSameAs(c);
    assertThat(outages.pick(all, self, c)).isSameAs(a);
  }

  @Test
  void pick_onlyTheTriedNode_none() {
    assertThat(outages.pick(List.of(a), self, a)).isNull();
  }

  @Test
  void pick_sameOriginAndTrustFromAnotherClient_sharesItsOutage() {
    outages.failed(a, "HTTP 500");

    assertThat(outages.pick(List.of(route(1001), b), self, null)).isSameAs(b);
  }

  private Transports.Route route(int port) {
    return transports.route(
        Transports.Peer.EKM,
        URI.create("https://127.0.0.1:" + port + "/v"),
        Pem.certificates(CA.certificatePem()));
  }

  private static final LocalCa CA = LocalCa.create("outages test CA");
}
