package io.ekms.identity.service;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Client secrets: 256 random bits, shown once, stored only as SHA-256.
 *
 * <p>A plain SHA-256 is enough here, unlike for passwords: the secret is 256 bits from a CSPRNG, so
 * a stolen hash cannot be reversed by guessing, and a slow hash (PBKDF2, Argon2) would only make
 * every token request slower. Presented secrets are hashed and the two digests compared with {@link
 * MessageDigest#isEqual} (time independent of where they differ); an unknown client is compared
 * against a fixed digest, so both failures take the same path.
 */
public final class ClientSecrets {
  /** Recognisable by secret scanners; the rest is 32 random bytes in hex. */
  public static final String PREFIX = "ekmscs_";

  private static final byte[] NO_CLIENT = sha256(new byte[0]);

  private ClientSecrets() {}

  public static String newSecret() {
    return PREFIX + Randoms.hex(32);
  }

  /** Lower-case hex SHA-256 of the secret's UTF-8 bytes: what the store keeps. */
  public static String hash(String secret) {
    return HexFormat.of()
        .formatHex(sha256(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * True when {@code presented} hashes to {@code storedHashHex}; with {@code storedHashHex} null
   * (no such client) the same work is done and the answer is false.
   */
  public static boolean matches(String storedHashHex, SecretBytes presented) {
    byte[] expected = storedHashHex == null ? NO_CLIENT : HexFormat.of().parseHex(storedHashHex);
    byte[] actual = presented.reveal(ClientSecrets::sha256);
    return MessageDigest.isEqual(expected, actual) && storedHashHex != null;
  }

  private static byte[] sha256(byte[] value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
