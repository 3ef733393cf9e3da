package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretFiles;
import io.ekms.core.config.ConfigLoader;
import io.ekms.core.http.Listener;
import io.ekms.core.secret.SecretRef;
import io.ekms.testing.SoftHsm;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pkcs11 section and defaultBackend: checked when the config loads and when the EKM starts. */
class EkmConfigPkcs11Test {
  private final Path dir = TempDirs.create("ekm-config-");

  @Test
  void load_pkcs11Section_readsItWithDefaults() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("ekm.yaml"),
            """
            pkcs11:
              library: /usr/lib/softhsm/libsofthsm2.so
              tokenLabel: ekms
              pin: {env: HSM_PIN}
            defaultBackend: pkcs11
            """);

    EkmConfig config = ConfigLoader.load(file, EkmConfig.class, "EKMS_EKM", Map.of());

    assertThat(config.pkcs11().tokenLabel()).isEqualTo("ekms");
    assertThat(config.pkcs11().pin().env()).isEqualTo("HSM_PIN");
    assertThat(config.pkcs11().reconnectIntervalSeconds()).isEqualTo(1);
    assertThat(config.defaultBackend()).isEqualTo("pkcs11");
    assertThat(EkmConfig.defaults(dir).defaultBackend()).isEqualTo("software");
  }

  @Test
  void load_defaultBackendPkcs11WithoutSection_failsWithOneSentence() throws Exception {
    Path file = Files.writeString(dir.resolve("ekm.yaml"), "defaultBackend: pkcs11\n");

    assertThatThrownBy(() -> ConfigLoader.load(file, EkmConfig.class, "EKMS_EKM", Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("defaultBackend pkcs11 needs the pkcs11 section");
  }

  @Test
  void load_pkcs11WithoutPin_failsWithOneSentence() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("ekm.yaml"), "pkcs11:\n  library: /lib.so\n  tokenLabel: ekms\n");

    assertThatThrownBy(() -> ConfigLoader.load(file, EkmConfig.class, "EKMS_EKM", Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("pkcs11.pin is required");
  }

  @Test
  void start_tokenLabelNotInLibrary_failsWithOneSentence() throws Exception {
    SoftHsm.tokens();
    Path pin = SecretFiles.write(dir.resolve("pin"), SoftHsm.PIN + "\n");
    EkmConfig config =
        EkmConfig.builder(dir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .tokens(new EkmConfig.Tokens("aud", 60))
            .pkcs11(new EkmConfig.Pkcs11(SoftHsm.LIBRARY, "not-there", SecretRef.ofFile(pin), 0))
            .build();
    EkmInit.run(config, Map.of());

    assertThatThrownBy(() -> EkmServer.start(config, Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageStartingWith("Misconfiguration: no token labelled 'not-there' in ")
        .hasMessageContaining(SoftHsm.LABEL);
  }
}
