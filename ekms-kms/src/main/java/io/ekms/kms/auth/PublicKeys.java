package io.ekms.kms.auth;

import io.ekms.kms.domain.ApiKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API signing keys as OCI handles them: RSA public keys in PEM ({@code BEGIN PUBLIC KEY}, an X.509
 * SubjectPublicKeyInfo), at least 2048 bits, named by their fingerprint: the MD5 of the DER
 * SubjectPublicKeyInfo as colon-separated lower-case hex, which is what {@code openssl rsa -pubin
 * -outform DER | openssl md5 -c} prints.
 */
public final class PublicKeys {
  /** Far above a PEM of an 8192-bit RSA key (about 1.4 KB); bounds parsing of untrusted input. */
  public static final int MAX_PEM_CHARS = 16 * 1024;

  public static final int MIN_RSA_BITS = 2048;
  public static final int MAX_RSA_BITS = 8192;

  private static final Pattern PEM =
      Pattern.compile(
          "\\s*-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----\\s*");

  private PublicKeys() {}

  /** Parses one RSA public key from PEM; throws {@link IllegalArgumentException} saying why not. */
  public static RSAPublicKey parsePem(String pem) {
    if (pem == null || pem.length() > MAX_PEM_CHARS) {
      throw new IllegalArgumentException("the public key must be a PEM of at most 16 KiB");
    }
    Matcher m = PEM.matcher(pem);
    if (!m.matches()) {
      throw new IllegalArgumentException("the public key must be one PEM 'BEGIN PUBLIC KEY' block");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the public key PEM is not valid Base64");
    }
    return parseDer(der);
  }

  private static RSAPublicKey parseDer(byte[] der) {
    PublicKey key;
    try {
      key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("the public key is not an RSA SubjectPublicKeyInfo");
    }
    RSAPublicKey rsa = (RSAPublicKey) key;
    int bits = rsa.getModulus().bitLength();
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
      throw new IllegalArgumentException("the RSA key must have 2048 to 8192 bits, not " + bits);
    }
    return rsa;
  }

  /** The canonical PEM of {@code key}: one block, Base64 lines of 64 characters, final newline. */
  public static String toPem(PublicKey key) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /** OCI's fingerprint of {@code key}, for example {@code c2:49:33:...:94}. */
  public static String fingerprint(PublicKey key) {
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(key.getEncoded());
      return HexFormat.ofDelimiter(":").formatHex(md5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides MD5", e);
    }
  }

  /** True when {@code s} has the shape of a fingerprint (16 lower-case hex pairs, colons). */
  public static boolean isFingerprint(String s) {
    return ApiKey.isFingerprint(s);
  }
}
