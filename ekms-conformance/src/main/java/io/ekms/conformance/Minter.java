package io.ekms.conformance;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.function.UnaryOperator;

/**
 * Mints tokens with a signing key the EKM's issuer publishes (a test issuer's, given to the kit as
 * a private JWK): a valid one from a template of claims, and each variant an EKM must refuse.
 */
public final class Minter {
  private final JWK key;
  private final JWTClaimsSet template;
  private final Clock clock;

  /**
   * @param key a private RSA (RS256) or EC P-256 (ES256) JWK with a {@code kid}
   * @param template the claims of a valid token; {@code iat} and {@code exp} are set per mint
   */
  public Minter(JWK key, JWTClaimsSet template, Clock clock) {
    if (!key.isPrivate() || key.getKeyID() == null) {
      throw new IllegalArgumentException("the signing key must be a private JWK with a kid");
    }
    this.key = key;
    this.template = template;
    this.clock = clock;
  }

  /** A valid token, valid for five minutes. */
  public String valid() throws JOSEException {
    return mint(c -> c, key.getKeyID(), key);
  }

  /** A token with its claims changed by {@code change}, signed with the real key. */
  public String with(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
    return mint(change, key.getKeyID(), key);
  }

  /** A token that expired ten minutes ago. */
  public String expired() throws JOSEException {
    Date past = Date.from(clock.instant().minus(Duration.ofMinutes(10)));
    return with(
        c -> c.expirationTime(past).issueTime(Date.from(past.toInstant().minusSeconds(60))));
  }

  /** A valid token naming a {@code kid} the issuer does not publish. */
  public String unknownKid() throws JOSEException {
    return mint(c -> c, "no-such-kid-" + clock.millis(), key);
  }

  /** A valid-looking token under the real {@code kid}, signed with a key nobody published. */
  public String unpublishedKey() throws JOSEException {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
    return mint(c -> c, key.getKeyID(), stranger);
  }

  private String mint(UnaryOperator<JWTClaimsSet.Builder> change, String kid, JWK signingKey)
      throws JOSEException {
    var now = clock.instant();
    var claims =
        new JWTClaimsSet.Builder(template)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    JWSAlgorithm alg = signingKey instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
    var jwt =
        new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), change.apply(claims).build());
    jwt.sign(signer(signingKey));
    return jwt.serialize();
  }

  private static JWSSigner signer(JWK key) throws JOSEException {
    return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner(key.toRSAKey());
  }
}
