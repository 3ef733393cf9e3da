package io.ekms.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.ekms.core.crypto.Randoms;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mints access tokens of a {@link TestIssuer}, good or deliberately bad. Defaults: {@code iss} the
 * issuer, {@code client_id} and {@code sub} {@code "test-client"}, {@code scope} {@code
 * "oci_ekms"}, {@code iat} now, {@code exp} in 5 minutes, a random {@code jti}, header {@code kid}
 * of the current key, and no audience. Setting a claim to {@code null} leaves it out.
 */
public final class TestTokenBuilder {
  private final TestIssuer issuer;
  private final Map<String, Object> claims = new LinkedHashMap<>();
  private String kid;
  private Instant issuedAt = Instant.now();
  private Duration expiresIn = Duration.ofMinutes(5);

  TestTokenBuilder(TestIssuer issuer) {
    this.issuer = issuer;
    claims.put("iss", issuer.issuer());
    claims.put("client_id", "test-client");
    claims.put("sub", "test-client");
    claims.put("scope", "oci_ekms");
    claims.put("jti", Randoms.hex(16));
  }

  public TestTokenBuilder clientId(String clientId) {
    return claim("client_id", clientId);
  }

  public TestTokenBuilder subject(String subject) {
    return claim("sub", subject);
  }

  /** One audience is sent as a string, several as an array. */
  public TestTokenBuilder audience(String... audiences) {
    return claim("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
  }

  /** The space-separated {@code scope} claim. */
  public TestTokenBuilder scope(String scope) {
    return claim("scope", scope);
  }

  public TestTokenBuilder issuer(String iss) {
    return claim("iss", iss);
  }

  /** {@code exp} relative to {@code iat}: negative for an expired token, {@code null} for none. */
  public TestTokenBuilder expiresIn(Duration duration) {
    this.expiresIn = duration;
    return this;
  }

  public TestTokenBuilder issuedAt(Instant instant) {
    this.issuedAt = instant;
    return this;
  }

  public TestTokenBuilder notBefore(Instant instant) {
    return claim("nbf", instant == null ? null : Date.from(instant));
  }

  /** The header's key id; the signing key stays whatever the terminal method uses. */
  public TestTokenBuilder kid(String keyId) {
    this.kid = keyId;
    return this;
  }

  /** Any claim; {@code null} removes it. */
  public TestTokenBuilder claim(String name, Object value) {
    if (value == null) {
      claims.remove(name);
    } else {
      claims.put(name, value);
    }
    return this;
  }

  /** RS256 with the issuer's current RSA key. */
  public String sign() {
    return sign(JWSAlgorithm.RS256, kidOr(issuer.currentKid()), rsa(issuer.currentKey()));
  }

  /** ES256 with the issuer's published EC key. */
  public String signEs256() {
    try {
      return sign(JWSAlgorithm.ES256, kidOr(issuer.ecKid()), new ECDSASigner(issuer.ecKey()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsecured token: header {@code {"alg":"none"}} and an empty signature. */
  public String unsigned() {
    return new PlainJWT(claimsSet()).serialize();
  }

  /** The key-confusion attack: HS256 keyed with the RSA public key's X.509 encoding. */
  public String signHs256WithPublicKey() {
    try {
      byte[] secret = issuer.currentKey().toRSAPublicKey().getEncoded();
      return sign(JWSAlgorithm.HS256, kidOr(issuer.currentKid()), new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RS256 with an RSA key the issuer never publishes; {@code kid} defaults to the current one. */
  public String signWithUnpublishedKey() {
    return sign(JWSAlgorithm.RS256, kidOr(issuer.currentKid()), rsa(issuer.unpublishedKey()));
  }

  /** A validly signed token whose payload then gets {@code name} set to {@code value}. */
  public String signThenTamper(String name, Object value) {
    String[] parts = sign().split("\\.");
    claim(name, value);
    String payload = Base64URL.encode(claimsSet().toString()).toString();
    return parts[0] + "." + payload + "." + parts[2];
  }

  private String sign(JWSAlgorithm alg, String keyId, JWSSigner signer) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(keyId).build(), claimsSet());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private JWTClaimsSet claimsSet() {
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
    builder.issueTime(Date.from(issuedAt));
    if (expiresIn != null) {
      builder.expirationTime(Date.from(issuedAt.plus(expiresIn)));
    }
    claims.forEach(builder::claim);
    return builder.build();
  }

  private String kidOr(String fallback) {
    return kid != null ? kid : fallback;
  }

  private static JWSSigner rsa(com.nimbusds.jose.jwk.RSAKey key) {
    try {
      return new RSASSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
