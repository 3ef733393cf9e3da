package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodeIdFileTest {
  private final Path dir = AuditFixtures.scratch("node-id-");

  @Test
  void readOrCreate_firstStart_makesAValidIdAndKeepsIt() {
    String first = NodeIdFile.readOrCreate(dir);

    assertThat(first).matches("node-[0-9a-f]{8}");
    assertThat(NodeIdFile.readOrCreate(dir)).isEqualTo(first);
    assertThat(NodeIdFile.readOrCreate(AuditFixtures.scratch("node-id-other-")))
        .isNotEqualTo(first);
  }

  @Test
  void readOrCreate_fileWithAnInvalidId_refusedNamingTheFile() throws Exception {
    Files.writeString(dir.resolve(NodeIdFile.NAME), "not an id\n");

    assertThatThrownBy(() -> NodeIdFile.readOrCreate(dir))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining(NodeIdFile.NAME)
        .hasMessageContaining("audit.nodeId");
  }

  @Test
  void options_configuredNodeId_winsOverTheFile() {
    AuditSettings settings = new AuditSettings(null, null, null, "kms-2");

    assertThat(settings.options(dir).nodeId()).isEqualTo("kms-2");
    assertThat(Files.exists(dir.resolve(NodeIdFile.NAME))).isFalse();
    assertThat(new AuditSettings(null, null, null, null).options(dir).nodeId())
        .isEqualTo(NodeIdFile.readOrCreate(dir));
  }

  @Test
  void settings_invalidNodeId_refusedNamingTheField() {
    assertThatThrownBy(() -> new AuditSettings(null, null, null, "-starts-with-dash"))
        .hasMessageContaining("audit.nodeId must be 1 to 64");
    assertThatThrownBy(() -> new AuditSettings(null, null, null, "x".repeat(65)))
        .hasMessageContaining("audit.nodeId");
  }
}
