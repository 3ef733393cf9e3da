package io.ekms.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {
  static final RSAKey KEY = generate();
  static final JWTClaimsSet CLAIMS =
      new JWTClaimsSet.Builder().issuer("https://issuer.test").subject("c").audience("a").build();

  static RSAKey generate() {
    try {
      return new RSAKeyGenerator(2048).keyID("k1").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String valid() throws Exception {
    return new Minter(KEY, CLAIMS, Clock.systemUTC()).valid();
  }

  @Test
  void valid_mintedWithTheKey_verifies() throws Exception {
    assertThat(SignedJWT.parse(valid()).verify(new RSASSAVerifier(KEY.toPublicJWK()))).isTrue();
  }

  @Test
  void algNone_keepsClaims_hasNoSignature() throws Exception {
    String token = valid();
    String forged = Tokens.algNone(token);
    String header =
        new String(Base64.getUrlDecoder().decode(forged.split("\\.")[0]), StandardCharsets.UTF_8);
    assertThat(header).contains("\"alg\":\"none\"");
    assertThat(forged).endsWith(".");
    assertThat(forged.split("\\.")[1]).isEqualTo(token.split("\\.")[1]);
  }

  @Test
  void badSignatureAndChangedPayload_noLongerVerify() throws Exception {
    var verifier = new RSASSAVerifier(KEY.toPublicJWK());
    String token = valid();
    assertThat(SignedJWT.parse(Tokens.badSignature(token)).verify(verifier)).isFalse();
    SignedJWT changed = SignedJWT.parse(Tokens.changedPayload(token));
    assertThat(changed.verify(verifier)).isFalse();
    assertThat(changed.getJWTClaimsSet().getExpirationTime())
        .isAfter(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime());
  }

  @Test
  void hmacWithPublicKey_isHs256UnderTheKeysKid() throws Exception {
    SignedJWT forged = SignedJWT.parse(Tokens.hmacWithPublicKey(valid(), KEY.toPublicJWK()));
    assertThat(forged.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(forged.getHeader().getKeyID()).isEqualTo("k1");
    assertThat(forged.getJWTClaimsSet().getIssuer()).isEqualTo("https://issuer.test");
  }

  @Test
  void minterVariants_expiredUnknownKidUnpublishedKey_asNamed() throws Exception {
    Minter minter = new Minter(KEY, CLAIMS, Clock.systemUTC());
    var verifier = new RSASSAVerifier(KEY.toPublicJWK());
    assertThat(SignedJWT.parse(minter.expired()).getJWTClaimsSet().getExpirationTime())
        .isBefore(new java.util.Date());
    assertThat(SignedJWT.parse(minter.unknownKid()).getHeader().getKeyID()).isNotEqualTo("k1");
    SignedJWT stranger = SignedJWT.parse(minter.unpublishedKey());
    assertThat(stranger.getHeader().getKeyID()).isEqualTo("k1");
    assertThat(stranger.verify(verifier)).isFalse();
  }
}
