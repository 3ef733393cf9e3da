package io.ekms.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuditQueryTest {
  private static RuntimeException invalid(String sentence) {
    return new IllegalStateException(sentence);
  }

  @Test
  void parse_nothingSent_ownNodeFromTheStartHundredAtATime() {
    assertThat(AuditQuery.parse(null, null, null, null, AuditQueryTest::invalid))
        .isEqualTo(new AuditQuery(0, 100, null, null));
  }

  @Test
  void parse_nodeAndLegacyChain_kept() {
    assertThat(AuditQuery.parse("5", "10", "r-1", "node-b", AuditQueryTest::invalid).node())
        .isEqualTo("node-b");
    assertThat(AuditQuery.parse(null, null, null, "_legacy", AuditQueryTest::invalid).node())
        .isEqualTo("_legacy");
  }

  @Test
  void parse_nodeNotANodeId_refusedNamingTheParameter() {
    assertThatThrownBy(() -> AuditQuery.parse(null, null, null, "a b", AuditQueryTest::invalid))
        .hasMessage("'node' is not a node id.");
    assertThatThrownBy(() -> AuditQuery.parse(null, null, null, "", AuditQueryTest::invalid))
        .hasMessage("'node' is not a node id.");
  }
}
