package io.ekms.identity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.core.config.ConfigLoader;
import io.ekms.core.http.Listener;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityConfigTest {
  private static IdentityConfig withIssuer(Listener api, String issuer) {
    return IdentityConfig.builder(Path.of("d")).api(api).issuer(issuer).build();
  }

  @Test
  void defaults_everythingUnderDataDir() {
    IdentityConfig c = ConfigLoader.load(null, IdentityConfig.class, "EKMS_IDENTITY", Map.of());

    Path dir = Path.of("ekms-data/identity").toAbsolutePath();
    assertThat(c.dataPath()).isEqualTo(dir);
    assertThat(c.api()).isEqualTo(new Listener("127.0.0.1", 8445));
    assertThat(c.admin()).isEqualTo(new Listener("127.0.0.1", 8446));
    assertThat(c.masterKeyFile()).isEqualTo(dir.resolve("master.key").toString());
    assertThat(c.database().jdbcUrl()).startsWith("jdbc:h2:file:" + dir.resolve("identity"));
    assertThat(c.tokens().lifetimeSeconds()).isEqualTo(3600);
    assertThat(c.tokens().clockSkewSeconds()).isEqualTo(60);
    assertThat(c.audit().policy()).isEqualTo("REFUSE");
    assertThat(c.issuer()).isNull();
    assertThat(c.issuerFor(8445)).isEqualTo("https://127.0.0.1:8445");
  }

  @Test
  void issuerFor_ipv6Loopback_bracketsTheHost() {
    assertThat(withIssuer(new Listener("::1", 0), null).issuerFor(9000))
        .isEqualTo("https://[::1]:9000");
  }

  @Test
  void issuer_configured_trailingSlashDroppedAndUsedAsIs() {
    IdentityConfig c = withIssuer(new Listener("0.0.0.0", 443), "https://id.example.com/");

    assertThat(c.issuer()).isEqualTo("https://id.example.com");
    assertThat(c.issuerFor(1234)).isEqualTo("https://id.example.com");
  }

  @Test
  void issuer_notHttpsOrWithQuery_refused() {
    for (String bad :
        java.util.List.of("http://id.example.com", "https://id/?a=b", "https://id/#f", "x y")) {
      assertThatThrownBy(() -> withIssuer(null, bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void issuer_missingWithPublicHost_refused() {
    assertThatThrownBy(() -> withIssuer(new Listener("0.0.0.0", 8445), null))
        .hasMessageContaining("set issuer");
  }

  @Test
  void load_environmentOverrides_applied() {
    IdentityConfig c =
        ConfigLoader.load(
            null,
            IdentityConfig.class,
            "EKMS_IDENTITY",
            Map.of(
                "EKMS_IDENTITY_ISSUER", "https://id.example.com",
                "EKMS_IDENTITY_API__HOST", "0.0.0.0",
                "EKMS_IDENTITY_API__PORT", "9443",
                "EKMS_IDENTITY_TOKENS__LIFETIME_SECONDS", "600"));

    assertThat(c.issuer()).isEqualTo("https://id.example.com");
    assertThat(c.api()).isEqualTo(new Listener("0.0.0.0", 9443));
    assertThat(c.tokens().lifetimeSeconds()).isEqualTo(600);
  }

  @Test
  void load_lifetimeOutOfRange_misconfiguration() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    IdentityConfig.class,
                    "EKMS_IDENTITY",
                    Map.of("EKMS_IDENTITY_TOKENS__LIFETIME_SECONDS", "5")))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("lifetimeSeconds");
  }
}
