package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.kms.external.IdentityFailure;
import io.ekms.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token request after OIDC discovery, against a scripted identity server: the discovered
 * endpoint and scope are used, a 404 falls back to the OCI identity domain layout, anything else
 * stops before a secret is sent, and documents are kept for a while (failures are not).
 */
class IdentityDiscoveryTest {
  static final String AUDIENCE = "https://ekm.test:443/";
  static final String GRANT =
      "{\"access_token\":\"tok\",\"token_type\":\"Bearer\",\"expires_in\":60}";
  final ScriptedEkm idp = new ScriptedEkm();
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  Transports transports = new Transports(LoopbackClients.PATIENT, LoopbackClients.LOOPBACK, 8);
  IdentityDiscovery discovery = new IdentityDiscovery(transports, clock);
  TokenFetcher fetcher = new TokenFetcher(transports, discovery);
  final OAuthClient client =
      new OAuthClient(
          base() + "/realms/r",
          "kms",
          SecretBytes.copyOf("s3cr3t".getBytes(UTF_8)),
          AUDIENCE,
          List.of(idp.ca.certificate()));

  @AfterEach
  void stop() {
    transports.close();
    idp.close();
  }

  String base() {
    return "https://127.0.0.1:" + idp.port();
  }

  String document(String tokenEndpoint, String scopes) {
    return "{\"issuer\":\""
        + base()
        + "/realms/r\",\"token_endpoint\":\""
        + tokenEndpoint
        + "\",\"scopes_supported\":"
        + scopes
        + "}";
  }

  @Test
  void fetch_discoveryListsBareScope_postsToItsEndpointWithOciEkms() {
    String endpoint = base() + "/realms/r/protocol/openid-connect/token";
    idp.then(200, document(endpoint, "[\"openid\",\"oci_ekms\"]")).then(200, GRANT);

    assertThat(fetcher.fetch(client).accessToken()).isEqualTo("tok");

    List<ScriptedEkm.Seen> seen = idp.seen();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).method()).isEqualTo("GET");
    assertThat(seen.get(0).path()).isEqualTo("/realms/r/.well-known/openid-configuration");
    assertThat(seen.get(0).authorization()).isNull();
    assertThat(seen.get(1).method()).isEqualTo("POST");
    assertThat(seen.get(1).path()).isEqualTo("/realms/r/protocol/openid-connect/token");
    assertThat(seen.get(1).body()).isEqualTo("grant_type=client_credentials&scope=oci_ekms");
  }

  @Test
  void fetch_discovery404_usesIdcsPathAndAudienceScope() {
    idp.then(404, "{}").then(200, GRANT);

    fetcher.fetch(client);

    ScriptedEkm.Seen token = idp.seen().get(1);
    assertThat(token.path()).isEqualTo("/realms/r/oauth2/v1/token");
    assertThat(token.body())
        .isEqualTo("grant_type=client_credentials&scope=https%3A%2F%2Fekm.test%3A443%2Foci_ekms");
  }

  @Test
  void fetch_discoveryFails_isUnavailableAndNoSecretIsSent() {
    idp.then(500, "{}");

    assertThatThrownBy(() -> fetcher.fetch(client))
        .isInstanceOf(IdentityFailure.Unavailable.class)
        .hasMessageContaining("discovery document answered HTTP 500")
        .hasMessageNotContaining("s3cr3t");
    assertThat(idp.seen()).hasSize(1);
  }

  @Test
  void fetch_discoveryRedirects_isNotFollowed() {
    idp.then(302, "{}");

    assertThatThrownBy(() -> fetcher.fetch(client))
        .isInstanceOf(IdentityFailure.Unavailable.class)
        .hasMessageContaining("HTTP 302");
    assertThat(idp.seen()).hasSize(1);
  }

  @Test
  void fetch_discoveryMalformed_isUnavailable() {
    idp.then(200, document("http://127.0.0.1:1/token", "[]"));

    assertThatThrownBy(() -> fetcher.fetch(client))
        .isInstanceOf(IdentityFailure.Unavailable.class)
        .hasMessageContaining("discovery document is malformed")
        .hasMessageContaining("token_endpoint");
    assertThat(idp.seen()).hasSize(1);
  }

  @Test
  void fetch_discoveryTooLarge_isUnavailable() {
    idp.then(200, document(base() + "/t", "[\"" + "x".repeat(70_000) + "\"]"));

    assertThatThrownBy(() -> fetcher.fetch(client))
        .isInstanceOf(IdentityFailure.Unavailable.class)
        .hasMessageContaining("discovery document is too large");
  }

  @Test
  void fetch_tokenEndpointOnHostOutsideIdentityHosts_isRefusedBeforeItIsAsked() {
    transports.close();
    EgressPolicy onlyLoopbackIp = EgressPolicy.of(List.of(), List.of("127.0.0.1"), true);
    transports = new Transports(LoopbackClients.PATIENT, onlyLoopbackIp, 8);
    discovery = new IdentityDiscovery(transports, clock);
    fetcher = new TokenFetcher(transports, discovery);
    idp.then(200, document("https://localhost:" + idp.port() + "/token", "[]"));

    assertThatThrownBy(() -> fetcher.fetch(client))
        .isInstanceOf(IdentityFailure.Unavailable.class)
        .hasMessageContaining("egress");
    assertThat(idp.seen()).hasSize(1);
  }

  @Test
  void target_keptForTtl_thenFetchedAgain() {
    String endpoint = base() + "/token";
    idp.otherwise(200, document(endpoint, "[\"oci_ekms\"]"));

    assertThat(discovery.target(client).scope()).isEqualTo("oci_ekms");
    clock.advance(IdentityDiscovery.TTL.minus(Duration.ofSeconds(1)));
    discovery.target(client);
    assertThat(idp.seen()).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    discovery.target(client);
    assertThat(idp.seen()).hasSize(2);
  }

  @Test
  void target_failure_isNotKept() {
    idp.then(503, "{}").otherwise(200, document(base() + "/token", "[]"));

    assertThatThrownBy(() -> discovery.target(client)).isInstanceOf(IdentityFailure.class);
    assertThat(discovery.size()).isZero();
    assertThat(discovery.target(client).tokenEndpoint()).hasToString(base() + "/token");
    assertThat(discovery.size()).isOne();
  }
}
