package io.ekms.identity.keys;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.interfaces.RSAPrivateKey;

/**
 * The key that signs new tokens, ready to use: its private key was parsed and its signer built
 * once, when it became current, so signing a token costs one RSA operation and nothing more.
 * Nimbus's {@link RSASSASigner} is thread-safe (it takes a fresh {@code Signature} per call).
 */
public final class ActiveKey {
  private final String kid;
  private final JWSSigner signer;

  ActiveKey(RSAKey publicJwk, RSAPrivateKey privateKey) {
    if (!publicJwk.getModulus().decodeToBigInteger().equals(privateKey.getModulus())) {
      throw new IllegalStateException(
          "the private key of signing key " + publicJwk.getKeyID() + " does not match its JWK");
    }
    this.kid = publicJwk.getKeyID();
    this.signer = new RSASSASigner(privateKey);
  }

  /** The key id every token signed by this key names in its header. */
  public String kid() {
    return kid;
  }

  public JWSSigner signer() {
    return signer;
  }

  @Override
  public String toString() {
    return "ActiveKey[" + kid + "]";
  }
}
