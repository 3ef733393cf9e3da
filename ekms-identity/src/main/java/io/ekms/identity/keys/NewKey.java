package io.ekms.identity.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.ekms.identity.domain.Ids;
import io.ekms.identity.store.StoredKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;

/**
 * A freshly generated RSA 2048 signing key: its public JWK, its sealed private half, its signer.
 */
record NewKey(String kid, String publicJwk, String sealedPrivate, ActiveKey active) {
  static final int RSA_BITS = 2048;

  static NewKey generate(KeySealer sealer) {
    String kid = Ids.newKid();
    try {
      RSAKey pair =
          new RSAKeyGenerator(RSA_BITS)
              .keyID(kid)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .generate();
      RSAPrivateKey privateKey = pair.toRSAPrivateKey();
      RSAKey publicJwk = pair.toPublicJWK();
      return new NewKey(
          kid,
          publicJwk.toJSONString(),
          sealer.seal(kid, privateKey),
          new ActiveKey(publicJwk, privateKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA signing key", e);
    }
  }

  /** Its row as the current key from {@code now}, signing tokens of {@code lifetimeSeconds}. */
  StoredKey row(Instant now, int lifetimeSeconds) {
    return new StoredKey(kid, publicJwk, sealedPrivate, now, null, null, lifetimeSeconds);
  }

  @Override
  public String toString() {
    return "NewKey[" + kid + "]";
  }
}
