package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.tls.LocalCa;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Construction-time validation of the client, its config and its OAuth client. */
class EkmClientsTest {
  static final LocalCa CA = LocalCa.create("endpoint CA");

  static OAuthClient oauth(String url) {
    return new OAuthClient(
        url,
        "kms",
        SecretBytes.copyOf("s3cr3t".getBytes(UTF_8)),
        "https://ekm.test/",
        List.of(CA.certificate()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:1/oci/ekm/v1/vaults/v",
        "https://user@127.0.0.1:1/v",
        "https://127.0.0.1:1/v?x=1",
        "https://127.0.0.1:1",
        "not a url"
      })
  void client_badVaultUrl_isRefused(String url) {
    try (EkmClients clients =
        new EkmClients(LoopbackClients.PATIENT, LoopbackClients.LOOPBACK, List.of())) {
      assertThatThrownBy(() -> clients.client(url, CA.certificatePem(), oauth("https://idp")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("externalVaultEndpointUrl");
    }
  }

  @Test
  void client_caBundleWithoutCertificate_isRefused() {
    try (EkmClients clients =
        new EkmClients(LoopbackClients.PATIENT, LoopbackClients.LOOPBACK, List.of())) {
      assertThatThrownBy(() -> clients.client("https://h:1/v/vlt-1", "junk", oauth("https://idp")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void client_trailingSlash_isDropped() {
    try (EkmClients clients =
        new EkmClients(LoopbackClients.PATIENT, LoopbackClients.LOOPBACK, List.of())) {
      EkmClient client =
          clients.client("https://h:1/v/vlt-1/", CA.certificatePem(), oauth("https://idp/"));

      assertThat(client.vaultUrl()).hasToString("https://h:1/v/vlt-1");
      assertThat(client.toString()).contains("clientAppId=kms").doesNotContain("s3cr3t");
    }
  }

  @Test
  void oauthClient_plainHttpIdentityUrl_isRefused() {
    assertThatThrownBy(() -> oauth("http://idp.test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
  }

  @Test
  void oauthClient_derived_discoveryAndFallbackEndpoints() {
    OAuthClient client = oauth("https://idp.test/");

    assertThat(client.discoveryUrl())
        .hasToString("https://idp.test/.well-known/openid-configuration");
    assertThat(client.fallbackTokenEndpoint()).hasToString("https://idp.test/oauth2/v1/token");
    assertThat(client.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void config_defaults_areOciTimeouts() {
    EkmClientConfig config = EkmClientConfig.defaults();

    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.tokenRefreshMargin()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void config_connectLongerThanRead_isRefused() {
    assertThatThrownBy(
            () -> new EkmClientConfig(Duration.ofSeconds(2), Duration.ofSeconds(1), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EkmClientConfig(Duration.ZERO, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
