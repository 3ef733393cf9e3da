package io.ekms.core.http;

import io.ekms.core.crypto.Randoms;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An admin API's bearer credential. The token is 256 random bits written once at {@code init} to
 * {@code admin.token} (0600); only its SHA-256 is stored (a fast hash suffices for a full-entropy
 * secret), and presented tokens are compared in constant time. Each server has its own prefix, so a
 * leaked token says which server it opens.
 */
public final class AdminCredential {
  /** The EKM's and KMS's admin token prefix. */
  public static final String PREFIX = "ekmsadm_";

  /** The identity server's admin token prefix. */
  public static final String IDENTITY_PREFIX = "ekmsida_";

  private final byte[] expectedHash;

  public AdminCredential(String storedHashHex) {
    this.expectedHash = HexFormat.of().parseHex(storedHashHex);
  }

  public static String newToken() {
    return newToken(PREFIX);
  }

  public static String newToken(String prefix) {
    return prefix + Randoms.hex(32);
  }

  public static String hash(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  /** True when {@code authorization} is {@code Bearer <the admin token>}. */
  public boolean accepts(String authorization) {
    if (authorization == null
        || !authorization.startsWith("Bearer ")
        || authorization.length() > 512) {
      return false;
    }
    return MessageDigest.isEqual(expectedHash, sha256(authorization.substring(7).trim()));
  }

  /**
   * The admin API's {@link Authenticator}: the caller {@code admin} makes of the request id when
   * the request carries this token, else {@code refused}'s exception (which the exchange counts).
   */
  public <C> Authenticator<C> authenticator(
      java.util.function.Function<String, C> admin,
      java.util.function.Supplier<? extends RuntimeException> refused) {
    return request -> {
      if (!accepts(request.header("Authorization"))) {
        throw refused.get();
      }
      return admin.apply(request.requestId());
    };
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "AdminCredential[REDACTED]";
  }
}
