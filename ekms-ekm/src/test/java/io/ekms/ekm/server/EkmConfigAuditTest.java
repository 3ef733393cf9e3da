package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.audit.AuditPolicy;
import io.ekms.core.config.ConfigLoader;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit section, shared by every server's config ({@code AuditSettings}), read from YAML. */
class EkmConfigAuditTest {
  private final Path dir = TempDirs.create("ekm-config-audit-");

  private EkmConfig load(String yaml, Map<String, String> env) throws Exception {
    Path file = Files.writeString(dir.resolve("ekm.yaml"), yaml);
    return ConfigLoader.load(file, EkmConfig.class, "EKMS_EKM", env);
  }

  @Test
  void load_noAuditSection_refusesWithJsonLinesAndOneMillisecondGroupCommit() throws Exception {
    EkmConfig config = load("dataDir: " + dir + "\n", Map.of());

    var options = config.audit().options();
    assertThat(options.policy()).isEqualTo(AuditPolicy.REFUSE);
    assertThat(options.jsonLinesFile()).isEqualTo(dir.resolve("audit.jsonl"));
    assertThat(options.groupCommitWait()).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void load_groupCommitWaitMillis_setsTheWait() throws Exception {
    EkmConfig config = load("audit: {policy: CONTINUE, groupCommitWaitMillis: 0}\n", Map.of());

    var options = config.audit().options();
    assertThat(options.policy()).isEqualTo(AuditPolicy.CONTINUE);
    assertThat(options.jsonLinesFile()).isNull();
    assertThat(options.groupCommitWait()).isZero();
  }

  @Test
  void load_groupCommitWaitOutOfRange_failsNamingTheField() {
    assertThatThrownBy(() -> load("audit: {groupCommitWaitMillis: 101}\n", Map.of()))
        .hasMessageContaining("audit.groupCommitWaitMillis must be 0 to 100");
    assertThatThrownBy(() -> load("audit: {groupCommitWaitMillis: -1}\n", Map.of()))
        .hasMessageContaining("audit.groupCommitWaitMillis must be 0 to 100");
  }

  @Test
  void load_unknownPolicy_failsNamingTheField() {
    assertThatThrownBy(() -> load("audit: {policy: IGNORE}\n", Map.of()))
        .hasMessageContaining("audit.policy must be REFUSE or CONTINUE");
  }
}
