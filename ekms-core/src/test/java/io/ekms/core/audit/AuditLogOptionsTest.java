package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuditLogOptionsTest {
  @Test
  void defaults_always_refuseWithFiveSecondWait() {
    AuditLogOptions d = AuditLogOptions.defaults();
    assertThat(d.policy()).isEqualTo(AuditPolicy.REFUSE);
    assertThat(d.jsonLinesFile()).isNull();
    assertThat(d.maxBatch()).isEqualTo(256);
    assertThat(d.appendTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.groupCommitWait()).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void withers_changeOnlyTheirField() {
    AuditLogOptions o =
        AuditLogOptions.defaults()
            .withPolicy(AuditPolicy.CONTINUE)
            .withJsonLinesFile(Path.of("audit.jsonl"))
            .withAppendTimeout(Duration.ofMillis(750))
            .withBatching(64, 1024)
            .withGroupCommitWait(Duration.ofMillis(3))
            .withNodeId("node-7")
            .withChainDirectory(Path.of("chains"));
    assertThat(o)
        .isEqualTo(
            new AuditLogOptions(
                AuditPolicy.CONTINUE,
                Path.of("audit.jsonl"),
                64,
                1024,
                Duration.ofMillis(750),
                Duration.ofMillis(3),
                "node-7",
                Path.of("chains")));
  }

  @Test
  void constructor_outOfRangeValues_throws() {
    AuditLogOptions d = AuditLogOptions.defaults();
    assertThatThrownBy(() -> d.withPolicy(null)).hasMessageContaining("policy");
    assertThatThrownBy(() -> d.withBatching(0, 10)).hasMessageContaining("maxBatch");
    assertThatThrownBy(() -> d.withBatching(100, 99)).hasMessageContaining("maxQueue");
    assertThatThrownBy(() -> d.withAppendTimeout(Duration.ZERO))
        .hasMessageContaining("appendTimeout");
    assertThatThrownBy(() -> d.withAppendTimeout(Duration.ofMinutes(11)))
        .hasMessageContaining("appendTimeout");
    assertThatThrownBy(() -> d.withGroupCommitWait(Duration.ofMillis(-1)))
        .hasMessageContaining("groupCommitWait");
    assertThatThrownBy(() -> d.withGroupCommitWait(Duration.ofMillis(101)))
        .hasMessageContaining("groupCommitWait");
    assertThatThrownBy(() -> d.withGroupCommitWait(null)).hasMessageContaining("groupCommitWait");
  }
}
