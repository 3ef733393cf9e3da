package io.ekms.conformance;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

/**
 * The forgeries an attacker makes from a valid bearer token without the issuer's private key: no
 * signature ({@code alg: none}), a flipped signature, a payload changed under the old signature,
 * and a token signed with HMAC using the issuer's public key as the secret (algorithm confusion).
 * Each must be refused by any EKM.
 */
public final class Tokens {
  private Tokens() {}

  /** The token's header and payload with {@code alg} set to {@code none} and no signature. */
  public static String algNone(String token) {
    String[] parts = parts(token);
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
    return b64url(header.getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
  }

  /** The token with the first byte of its signature changed. */
  public static String badSignature(String token) {
    String[] parts = parts(token);
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    signature[0] ^= 0x01;
    return parts[0] + "." + parts[1] + "." + b64url(signature);
  }

  /** The token with its expiry pushed an hour on, under the original signature. */
  public static String changedPayload(String token) throws ParseException {
    SignedJWT jwt = SignedJWT.parse(token);
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    long exp = claims.getExpirationTime() == null ? 0 : claims.getExpirationTime().getTime();
    var changed =
        new JWTClaimsSet.Builder(claims).expirationTime(new java.util.Date(exp + 3_600_000L));
    String payload = b64url(changed.build().toString().getBytes(StandardCharsets.UTF_8));
    String[] parts = parts(token);
    return parts[0] + "." + payload + "." + parts[2];
  }

  /**
   * The token's claims signed with HS256, the secret being {@code publicKey}'s JSON text: what a
   * verifier that lets the token pick the algorithm would accept.
   */
  public static String hmacWithPublicKey(String token, JWK publicKey)
      throws ParseException, JOSEException {
    byte[] secret = publicKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    SignedJWT jwt = SignedJWT.parse(token);
    var forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).build(),
            jwt.getJWTClaimsSet());
    forged.sign(new MACSigner(pad(secret)));
    return forged.serialize();
  }

  private static byte[] pad(byte[] secret) {
    return secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
  }

  private static String[] parts(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a compact JWS: it has " + parts.length + " parts");
    }
    return parts;
  }

  private static String b64url(byte[] bytes) {
    return Base64URL.encode(bytes).toString();
  }
}
