package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.kms.external.EkmUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node that failed is kept out for the hold-off (moved on the test's ticker, never slept), then
 * probed by one call: an answer brings it back, a failure keeps it out again. Every vault's client
 * shares what was seen.
 */
class EkmFailoverHoldOffTest {
  final TwoNodes nodes = new TwoNodes();

  @AfterEach
  void stop() {
    nodes.close();
  }

  @Test
  void call_afterFirstNodeFailed_goesStraightToTheSecondUntilTheHoldOffPasses() {
    nodes.a.then(503, "{}");
    EkmClient client = nodes.client();
    client.vault("req-h-1"); // a: 503, then b

    client.vault("req-h-2");
    nodes.ticker.addAndGet(TwoNodes.HOLD_OFF.toNanos() - 1);
    client.vault("req-h-3");

    assertThat(nodes.a.seen()).extracting(ScriptedEkm.Seen::requestId).containsExactly("req-h-1");
    assertThat(nodes.b.seen())
        .extracting(ScriptedEkm.Seen::requestId)
        .containsExactly("req-h-1", "req-h-2", "req-h-3");
  }

  @Test
  void call_holdOffPassedAndProbeAnswers_firstNodeIsUsedAgain() {
    nodes.a.then(503, "{}");
    EkmClient client = nodes.client();
    client.vault("req-p-1");

    nodes.holdOffPasses();
    client.vault("req-p-2"); // the probe: a answers
    client.vault("req-p-3");

    assertThat(nodes.a.seen())
        .extracting(ScriptedEkm.Seen::requestId)
        .containsExactly("req-p-1", "req-p-2", "req-p-3");
    assertThat(nodes.b.seen()).extracting(ScriptedEkm.Seen::requestId).containsExactly("req-p-1");
  }

  @Test
  void call_holdOffPassedAndProbeFails_firstNodeIsKeptOutAgain() {
    nodes.a.then(503, "{}").then(500, "{}");
    EkmClient client = nodes.client();
    client.vault("req-q-1");

    nodes.holdOffPasses();
    client.vault("req-q-2"); // the probe: a fails again, b answers
    client.vault("req-q-3");

    assertThat(nodes.a.seen())
        .extracting(ScriptedEkm.Seen::requestId)
        .containsExactly("req-q-1", "req-q-2");
    assertThat(nodes.b.seen())
        .extracting(ScriptedEkm.Seen::requestId)
        .containsExactly("req-q-1", "req-q-2", "req-q-3");
  }

  @Test
  void call_nodeFailedForOneVault_isSkippedByAnotherVaultsClientToo() {
    nodes.a.then(503, "{}");
    nodes.client().vault("req-s-1");

    EkmClient other = nodes.client(); // another vault's client over the same endpoint
    other.vault("req-s-2");

    assertThat(nodes.a.seen()).extracting(ScriptedEkm.Seen::requestId).containsExactly("req-s-1");
    assertThat(nodes.b.seen())
        .extracting(ScriptedEkm.Seen::requestId)
        .containsExactly("req-s-1", "req-s-2");
  }

  @Test
  void call_everyNodeKeptOut_stillAsksOneRatherThanNone() {
    nodes.a.then(503, "{}").then(200, TwoNodes.VAULT);
    nodes.b.then(503, "{}");
    EkmClient client = nodes.client();
    assertThatThrownBy(() -> client.vault("req-k-1")).isInstanceOf(EkmUnavailable.Busy.class);

    assertThat(client.vault("req-k-2").state()).isEqualTo("ACTIVE");
    assertThat(nodes.a.seen())
        .extracting(ScriptedEkm.Seen::requestId)
        .containsExactly("req-k-1", "req-k-2");
  }
}
