package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.config.ConfigLoader;
import io.ekms.core.http.ListenerLimits;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code limits} and {@code rateLimit} sections, from YAML and the environment. */
class KmsConfigLimitsTest {
  private final Path dir = TempDirs.create("kms-config-limits-");

  private KmsConfig load(String yaml, Map<String, String> env) throws Exception {
    Path file = Files.writeString(dir.resolve("kms.yaml"), "dataDir: " + dir + "\n" + yaml);
    return ConfigLoader.load(file, KmsConfig.class, "EKMS_KMS", env);
  }

  @Test
  void load_noSections_safeDefaults() throws Exception {
    KmsConfig config = load("", Map.of());

    assertThat(config.limits()).isEqualTo(ListenerLimits.defaults());
    assertThat(config.rateLimit()).isEqualTo(new KmsConfig.RateLimit(1000, 2000));
  }

  @Test
  void load_yamlAndEnvironment_setTheLimits() throws Exception {
    KmsConfig config =
        load(
            "limits: {maxConnections: 50, idleTimeoutSeconds: 5}\nrateLimit: {burst: 10}\n",
            Map.of(
                "EKMS_KMS_LIMITS__READ_TIMEOUT_SECONDS", "3",
                "EKMS_KMS_RATE_LIMIT__PER_SECOND_PER_PRINCIPAL", "0"));

    assertThat(config.limits())
        .isEqualTo(new ListenerLimits(50, null, null, null, 3, 5))
        .extracting(ListenerLimits::maxConcurrentRequests)
        .isEqualTo(256);
    assertThat(config.rateLimit()).isEqualTo(new KmsConfig.RateLimit(0, 10));
  }

  @Test
  void load_outOfRange_failsNamingTheSetting() {
    assertThatThrownBy(() -> load("limits: {readTimeoutSeconds: 0}\n", Map.of()))
        .hasMessageContaining("limits.readTimeoutSeconds must be 1 to 3600");
    assertThatThrownBy(() -> load("rateLimit: {perSecondPerPrincipal: -1}\n", Map.of()))
        .hasMessageContaining("rateLimit.perSecondPerPrincipal must be 0 to 1000000");
  }
}
