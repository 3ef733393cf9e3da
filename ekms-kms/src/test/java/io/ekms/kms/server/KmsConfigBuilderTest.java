package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.audit.AuditSettings;
import io.ekms.core.config.ConfigLoader;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.http.Listener;
import io.ekms.core.http.ListenerLimits;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link KmsConfigBuilder}: the YAML defaults for what is left unset, every setting kept, and
 * {@link KmsConfig#toBuilder()} keeping every setting of the configuration it starts from.
 */
class KmsConfigBuilderTest {
  private final Path dir = TempDirs.create("kms-config-builder-");

  private final Object[] values = {
    new Listener("127.0.0.2", 1),
    new Listener("127.0.0.3", 2),
    "https://kms.example",
    new KmsConfig.TlsFiles("cert.pem", "key.pem"),
    DatabaseConfig.h2File(dir, "other"),
    dir.resolve("other.key").toString(),
    new KmsConfig.Ekm(100, 200, List.of("ca.pem")),
    AuditSettings.defaultsIn(dir.resolve("audit")),
    7,
    KmsConfig.Egress.loopbackOnly(),
    new KmsConfig.RateLimit(5, 6),
    new ListenerLimits(10, 11, 1024, 2048, 12, 13)
  };

  private KmsConfig everySetting() {
    return KmsConfig.builder(dir)
        .api((Listener) values[0])
        .admin((Listener) values[1])
        .publicUrl((String) values[2])
        .tls((KmsConfig.TlsFiles) values[3])
        .database((DatabaseConfig) values[4])
        .masterKeyFile((String) values[5])
        .ekm((KmsConfig.Ekm) values[6])
        .audit((AuditSettings) values[7])
        .sweepIntervalSeconds((Integer) values[8])
        .egress((KmsConfig.Egress) values[9])
        .rateLimit((KmsConfig.RateLimit) values[10])
        .limits((ListenerLimits) values[11])
        .build();
  }

  private static List<Object> settings(KmsConfig c) {
    return Arrays.asList(
        c.api(),
        c.admin(),
        c.publicUrl(),
        c.tls(),
        c.database(),
        c.masterKeyFile(),
        c.ekm(),
        c.audit(),
        c.sweepIntervalSeconds(),
        c.egress(),
        c.rateLimit(),
        c.limits());
  }

  @Test
  void build_nothingSet_equalsYamlThatLeavesEverythingOut() throws Exception {
    Path file = Files.writeString(dir.resolve("kms.yaml"), "dataDir: " + dir + "\n");

    assertThat(KmsConfig.builder(dir).build())
        .isEqualTo(ConfigLoader.load(file, KmsConfig.class, "EKMS_KMS", Map.of()))
        .isEqualTo(KmsConfig.defaults(dir));
  }

  @Test
  void build_everySetting_keepsEachInItsPlace() {
    KmsConfig c = everySetting();

    assertThat(c.dataPath()).isEqualTo(dir.toAbsolutePath());
    assertThat(settings(c)).containsExactly(values);
  }

  @Test
  void toBuilder_nothingChanged_buildsAnEqualConfig() {
    KmsConfig c = everySetting();

    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(KmsConfig.defaults(dir).toBuilder().build()).isEqualTo(KmsConfig.defaults(dir));
  }
}
