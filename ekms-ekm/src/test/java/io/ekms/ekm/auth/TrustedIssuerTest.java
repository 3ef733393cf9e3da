package io.ekms.ekm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.tls.LocalCa;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedIssuerTest {
  private static final String JWKS = "https://idp.example.test/jwks";
  private static final String DISCOVERY =
      "https://idp.example.test/tenant" + TrustedIssuer.DISCOVERY_SUFFIX;

  @Test
  void ofDiscovery_noIssuer_expectsIssuerDerivedFromUrl() {
    var trusted = TrustedIssuer.ofDiscovery("idp", DISCOVERY, null);

    assertThat(trusted.expectedIssuer()).isEqualTo("https://idp.example.test/tenant");
  }

  @Test
  void constructor_discoveryWithIssuer_expectsConfiguredIssuer() {
    var trusted =
        new TrustedIssuer("oci", "https://identity.oraclecloud.com/", null, DISCOVERY, null);

    assertThat(trusted.expectedIssuer()).isEqualTo("https://identity.oraclecloud.com/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/jwks",
        "http://localhost/jwks",
        "http://[::1]:9000/jwks",
        "https://idp.example.test:8443/keys"
      })
  void ofJwksUri_httpsOrLoopbackHttp_accepts(String url) {
    assertThat(TrustedIssuer.ofJwksUri("idp", "https://idp", url, null).jwksUri()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://idp.example.test/jwks",
        "http://127.0.0.1.evil.test/jwks",
        "ftp://idp.example.test/jwks",
        "https://user:pw@idp.example.test/jwks",
        "https://idp.example.test/jwks#frag",
        "/relative/jwks",
        "https://"
      })
  void ofJwksUri_unsafeUrl_throws(String url) {
    assertThatThrownBy(() -> TrustedIssuer.ofJwksUri("idp", "https://idp", url, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ofJwksUri_overlongUrl_throws() {
    String url = "https://idp.example.test/" + "a".repeat(FetchUrls.MAX_LENGTH);

    assertThatThrownBy(() -> TrustedIssuer.ofJwksUri("idp", "https://idp", url, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_bothOrNeitherSource_throws() {
    assertThatThrownBy(() -> new TrustedIssuer("idp", "https://idp", JWKS, DISCOVERY, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrustedIssuer("idp", "https://idp", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ofJwksUri_missingIssuer_throws() {
    assertThatThrownBy(() -> TrustedIssuer.ofJwksUri("idp", null, JWKS, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ofDiscovery_noIssuerAndNonStandardPath_throws() {
    assertThatThrownBy(() -> TrustedIssuer.ofDiscovery("idp", "https://idp/discovery", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "slash/id"})
  void constructor_badId_throws(String id) {
    assertThatThrownBy(() -> TrustedIssuer.ofJwksUri(id, "https://idp", JWKS, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_caBundleNotPem_throws() {
    assertThatThrownBy(() -> TrustedIssuer.ofJwksUri("idp", "https://idp", JWKS, "not a cert"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_caBundlePem_accepts() {
    String pem = LocalCa.create("test").certificatePem();

    assertThat(TrustedIssuer.ofJwksUri("idp", "https://idp", JWKS, pem).toString())
        .isEqualTo("TrustedIssuer[idp, jwksUri=" + JWKS + ", caBundle]");
  }

  @Test
  void lookup_byIssuer_findsOnlyExactMatch() {
    var a = TrustedIssuer.ofJwksUri("a", "https://a", JWKS, null);
    var b = TrustedIssuer.ofDiscovery("b", DISCOVERY, null);
    var lookup = TrustedIssuer.lookup(List.of(a, b));

    assertThat(lookup.apply("https://a")).contains(a);
    assertThat(lookup.apply("https://idp.example.test/tenant")).contains(b);
    assertThat(lookup.apply("https://a/")).isEmpty();
  }
}
