package io.ekms.ekm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IssuerTest {
  private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);
  private static final String ISSUER = "https://idp.example";
  private static final String JWKS = "https://idp.example/jwks";

  @Test
  void constructor_jwksUriOrDiscoveryUrl_isEnough() {
    assertThat(new Issuer("iss-1", ISSUER, JWKS, null, null, T0).jwksUri()).isEqualTo(JWKS);
    assertThat(new Issuer("iss-1", ISSUER, null, JWKS, null, T0).discoveryUrl()).isEqualTo(JWKS);
  }

  @Test
  void constructor_neitherJwksUriNorDiscoveryUrl_throwsIllegalArgument() {
    assertThatThrownBy(() -> new Issuer("iss-1", ISSUER, null, null, null, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jwksUri or a discoveryUrl");
  }

  @Test
  void constructor_issuerBlankOrOver512_throwsIllegalArgument() {
    for (String bad : new String[] {null, "", "   ", "https://" + "x".repeat(505)}) {
      assertThatThrownBy(() -> new Issuer("iss-1", bad, JWKS, null, null, T0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1 to 512");
    }
    assertThat(new Issuer("iss-1", "https://" + "x".repeat(504), JWKS, null, null, T0)).isNotNull();
  }

  @Test
  void constructor_caBundleOver64KiB_throwsIllegalArgument() {
    String limit = "x".repeat(65_536);

    assertThat(new Issuer("iss-1", ISSUER, JWKS, null, limit, T0).caBundlePem()).hasSize(65_536);
    assertThatThrownBy(() -> new Issuer("iss-1", ISSUER, JWKS, null, limit + "x", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 KiB");
  }

  @Test
  void constructor_nullId_throwsNullPointer() {
    assertThatThrownBy(() -> new Issuer(null, ISSUER, JWKS, null, null, T0))
        .isInstanceOf(NullPointerException.class);
  }
}
