package io.ekms.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.identity.domain.Grant.GrantRefused;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GrantTest {
  static final String EKM = "https://ekm.example.test/";

  static Client client(List<String> audiences, List<String> scopes) {
    return new Client(Ids.newClient(), "c", "0".repeat(64), audiences, scopes, Instant.EPOCH);
  }

  private final Client one = client(List.of(EKM), List.of("oci_ekms"));

  @Test
  void resolve_audiencePlusScope_grantsThatAudience() {
    Grant g = Grant.resolve(one, EKM + "oci_ekms");

    assertThat(g.audience()).isEqualTo(EKM);
    assertThat(g.scopes()).containsExactly("oci_ekms");
    assertThat(g.scopeClaim()).isEqualTo("oci_ekms");
  }

  @Test
  void resolve_bareScopeOrNone_usesTheOnlyAudience() {
    assertThat(Grant.resolve(one, "oci_ekms").audience()).isEqualTo(EKM);
    assertThat(Grant.resolve(one, null)).isEqualTo(new Grant(EKM, List.of("oci_ekms")));
    assertThat(Grant.resolve(one, "   ")).isEqualTo(new Grant(EKM, List.of("oci_ekms")));
  }

  @Test
  void resolve_audienceWithoutSlash_stillSplitsAtTheScopeName() {
    Client c = client(List.of("https://ekm.example.test"), List.of("oci_ekms"));

    assertThat(Grant.resolve(c, "https://ekm.example.testoci_ekms").audience())
        .isEqualTo("https://ekm.example.test");
  }

  @Test
  void resolve_severalScopesOneAudience_grantsAllInRequestOrder() {
    Client c = client(List.of(EKM), List.of("oci_ekms", "read"));

    Grant g = Grant.resolve(c, EKM + "read " + EKM + "oci_ekms " + EKM + "read");

    assertThat(g.scopeClaim()).isEqualTo("read oci_ekms");
  }

  @Test
  void resolve_overlappingAudiences_longestWins() {
    Client c = client(List.of("https://a/", "https://a/x"), List.of("s", "xs"));

    Grant g = Grant.resolve(c, "https://a/xs");

    assertThat(g).isEqualTo(new Grant("https://a/x", List.of("s")));
  }

  @Test
  void resolve_twoAudiencesInOneRequest_refused() {
    Client c = client(List.of(EKM, "https://b/"), List.of("oci_ekms"));

    assertThatThrownBy(() -> Grant.resolve(c, EKM + "oci_ekms https://b/oci_ekms"))
        .isInstanceOf(GrantRefused.class)
        .hasMessageContaining("one audience");
  }

  @Test
  void resolve_severalAudiencesAndNoneNamed_refused() {
    Client c = client(List.of(EKM, "https://b/"), List.of("oci_ekms"));

    assertThatThrownBy(() -> Grant.resolve(c, null)).isInstanceOf(GrantRefused.class);
    assertThatThrownBy(() -> Grant.resolve(c, "oci_ekms")).isInstanceOf(GrantRefused.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example/oci_ekms",
        "https://ekm.example.test/admin",
        "https://ekm.example.test/",
        "admin",
        "https://ekm.example.test/oci_ekms\"",
        "https://ekm.example.test/oci_ekms\u00e9"
      })
  void resolve_notAllowed_refused(String scope) {
    assertThatThrownBy(() -> Grant.resolve(one, scope)).isInstanceOf(GrantRefused.class);
  }

  @Test
  void resolve_unknownAudienceVersusUnknownScope_saySo() {
    assertThatThrownBy(() -> Grant.resolve(one, "https://evil/oci_ekms"))
        .hasMessageContaining("audience");
    assertThatThrownBy(() -> Grant.resolve(one, EKM + "admin")).hasMessageContaining("scope name");
  }
}
