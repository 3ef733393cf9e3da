package io.ekms.identity.server;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link IdentityConfigBuilder}: the YAML defaults for what is left unset, every setting kept. */
class IdentityConfigBuilderTest {
  private final Path dir = TempDirs.create("identity-config-builder-");

  @Test
  void build_nothingSet_equalsYamlThatLeavesEverythingOut() throws Exception {
    Path file = Files.writeString(dir.resolve("identity.yaml"), "dataDir: " + dir + "\n");

    assertThat(IdentityConfig.builder(dir).build())
        .isEqualTo(ConfigLoader.load(file, IdentityConfig.class, "EKMS_IDENTITY", Map.of()))
        .isEqualTo(IdentityConfig.defaults(dir));
  }

  @Test
  void build_everySetting_keepsEachInItsPlace() {
    Object[] values = {
      new Listener("127.0.0.2", 1),
      new Listener("127.0.0.3", 2),
      "https://id.example",
      new IdentityConfig.TlsFiles("cert.pem", "key.pem"),
      DatabaseConfig.h2File(dir, "other"),
      dir.resolve("other.key").toString(),
      new IdentityConfig.Tokens(600, 5),
      AuditSettings.defaultsIn(dir.resolve("audit")),
      new ListenerLimits(10, 11, 1024, 2048, 12, 13)
    };

    IdentityConfig c =
        IdentityConfig.builder(dir)
            .api((Listener) values[0])
            .admin((Listener) values[1])
            .issuer((String) values[2])
            .tls((IdentityConfig.TlsFiles) values[3])
            .database((DatabaseConfig) values[4])
            .masterKeyFile((String) values[5])
            .tokens((IdentityConfig.Tokens) values[6])
            .audit((AuditSettings) values[7])
            .limits((ListenerLimits) values[8])
            .build();

    assertThat(c.dataPath()).isEqualTo(dir.toAbsolutePath());
    assertThat(
            Arrays.asList(
                c.api(),
                c.admin(),
                c.issuer(),
                c.tls(),
                c.database(),
                c.masterKeyFile(),
                c.tokens(),
                c.audit(),
                c.limits()))
        .containsExactly(values);
  }
}
