package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.audit.AuditSettings;
import io.ekms.core.config.ConfigLoader;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.http.Listener;
import io.ekms.core.http.ListenerLimits;
import io.ekms.core.secret.SecretRef;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link EkmConfigBuilder}: the YAML defaults for what is left unset, every setting kept. */
class EkmConfigBuilderTest {
  private final Path dir = TempDirs.create("ekm-config-builder-");

  @Test
  void build_nothingSet_equalsYamlThatLeavesEverythingOut() throws Exception {
    Path file = Files.writeString(dir.resolve("ekm.yaml"), "dataDir: " + dir + "\n");

    assertThat(EkmConfig.builder(dir).build())
        .isEqualTo(ConfigLoader.load(file, EkmConfig.class, "EKMS_EKM", Map.of()))
        .isEqualTo(EkmConfig.defaults(dir));
  }

  @Test
  void build_everySetting_keepsEachInItsPlace() {
    Object[] values = {
      new Listener("127.0.0.2", 1),
      new Listener("127.0.0.3", 2),
      new EkmConfig.TlsFiles("cert.pem", "key.pem", null),
      DatabaseConfig.h2File(dir, "other"),
      new EkmConfig.Keystore(null, new SecretRef(null, "PASSPHRASE")),
      new EkmConfig.Tokens("aud", 5),
      AuditSettings.defaultsIn(dir.resolve("audit")),
      new EkmConfig.RateLimit(5, 6),
      new EkmConfig.Pkcs11("libsofthsm2.so", "label", new SecretRef(null, "PIN"), 2),
      "pkcs11",
      new EkmConfig.Xks(new Listener("127.0.0.4", 3), null),
      new ListenerLimits(10, 11, 1024, 2048, 12, 13)
    };

    EkmConfig c =
        EkmConfig.builder(dir)
            .api((Listener) values[0])
            .admin((Listener) values[1])
            .tls((EkmConfig.TlsFiles) values[2])
            .database((DatabaseConfig) values[3])
            .keystore((EkmConfig.Keystore) values[4])
            .tokens((EkmConfig.Tokens) values[5])
            .audit((AuditSettings) values[6])
            .rateLimit((EkmConfig.RateLimit) values[7])
            .pkcs11((EkmConfig.Pkcs11) values[8])
            .defaultBackend((String) values[9])
            .xks((EkmConfig.Xks) values[10])
            .limits((ListenerLimits) values[11])
            .build();

    assertThat(c.dataPath()).isEqualTo(dir.toAbsolutePath());
    assertThat(
            Arrays.asList(
                c.api(),
                c.admin(),
                c.tls(),
                c.database(),
                c.keystore(),
                c.tokens(),
                c.audit(),
                c.rateLimit(),
                c.pkcs11(),
                c.defaultBackend(),
                c.xks(),
                c.limits()))
        .containsExactly(values);
  }
}
