package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing an identity server's discovery document, and the scope the KMS asks for. */
class DiscoveryDocumentTest {
  static final String AUDIENCE = "https://ekm.test:443/";

  static DiscoveryDocument parse(String json) throws AnswerJson.Malformed {
    return DiscoveryDocument.parse(json.getBytes(UTF_8));
  }

  static String doc(String tokenEndpoint, String scopes) {
    return "{\"issuer\":\"https://kc.test/realms/r\",\"token_endpoint\":"
        + tokenEndpoint
        + (scopes == null ? "" : ",\"scopes_supported\":" + scopes)
        + ",\"jwks_uri\":\"https://kc.test/realms/r/certs\"}";
  }

  @Test
  void parse_keycloakDocument_tokenEndpointAndBareScope() throws Exception {
    DiscoveryDocument d =
        parse(
            doc(
                "\"https://kc.test/realms/r/protocol/openid-connect/token\"",
                "[\"openid\",\"profile\",\"oci_ekms\"]"));

    assertThat(d.tokenEndpoint())
        .hasToString("https://kc.test/realms/r/protocol/openid-connect/token");
    assertThat(d.ekmScopes()).containsExactly("oci_ekms");
    assertThat(d.scopeFor(AUDIENCE)).isEqualTo("oci_ekms");
  }

  @Test
  void scopeFor_audienceScopeListed_isPreferredOverBare() throws Exception {
    DiscoveryDocument d =
        parse(doc("\"https://idp.test/t\"", "[\"oci_ekms\",\"" + AUDIENCE + "oci_ekms\"]"));

    assertThat(d.scopeFor(AUDIENCE)).isEqualTo(AUDIENCE + "oci_ekms");
  }

  @Test
  void scopeFor_noScopesListed_isTheOciAudienceScope() throws Exception {
    assertThat(parse(doc("\"https://idp.test/t\"", null)).scopeFor(AUDIENCE))
        .isEqualTo(AUDIENCE + "oci_ekms");
    assertThat(parse(doc("\"https://idp.test/t\"", "[\"openid\"]")).scopeFor(AUDIENCE))
        .isEqualTo(AUDIENCE + "oci_ekms");
  }

  @Test
  void scopeFor_otherAudienceListed_isNotBorrowed() throws Exception {
    DiscoveryDocument d = parse(doc("\"https://idp.test/t\"", "[\"https://other/oci_ekms\"]"));

    assertThat(d.scopeFor(AUDIENCE)).isEqualTo(AUDIENCE + "oci_ekms");
  }

  @Test
  void absent_isTheIdcsLayout() {
    OAuthClient client = EkmClientsTest.oauth("https://idcs.test");
    DiscoveryDocument d = DiscoveryDocument.absent(client);

    assertThat(d.tokenEndpoint()).hasToString("https://idcs.test/oauth2/v1/token");
    assertThat(d.ekmScopes()).isEqualTo(Set.of());
    assertThat(d.scopeFor("https://ekm.test/")).isEqualTo("https://ekm.test/oci_ekms");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"http://kc.test/token\"",
        "\"http://127.0.0.1:8080/token\"",
        "\"https://user:pw@kc.test/token\"",
        "\"https://kc.test/token?x=1\"",
        "\"https://kc.test/token#f\"",
        "\"https:///token\"",
        "\"/token\"",
        "\"not a url\"",
        "\"\"",
        "42",
        "null"
      })
  void parse_badTokenEndpoint_isMalformedWithoutQuotingIt(String endpoint) {
    assertThatThrownBy(() -> parse(doc(endpoint, null)))
        .isInstanceOf(AnswerJson.Malformed.class)
        .hasMessageContaining("token_endpoint")
        .hasMessageNotContaining("kc.test")
        .hasMessageNotContaining("pw");
  }

  @Test
  void parse_tokenEndpointTooLong_isMalformed() {
    String longUrl = "\"https://kc.test/" + "a".repeat(2100) + "\"";

    assertThatThrownBy(() -> parse(doc(longUrl, null)))
        .isInstanceOf(AnswerJson.Malformed.class)
        .hasMessageContaining("token_endpoint");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"oci_ekms\"", "[\"oci_ekms\",3]", "{\"a\":1}", "[[\"oci_ekms\"]]"})
  void parse_scopesNotAnArrayOfStrings_isMalformed(String scopes) {
    assertThatThrownBy(() -> parse(doc("\"https://kc.test/t\"", scopes)))
        .isInstanceOf(AnswerJson.Malformed.class)
        .hasMessageContaining("scopes_supported");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"token_endpoint\":\"https://kc.test/t\"}",
        "{\"issuer\":7,\"token_endpoint\":\"https://kc.test/t\"}",
        "{\"issuer\":\"https://kc.test\"}",
        "[]",
        "\"text\"",
        "{\"issuer\":\"https://kc.test\",",
        ""
      })
  void parse_notADocument_isMalformed(String json) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(AnswerJson.Malformed.class);
  }
}
