package io.ekms.common.secret;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Secret bytes: key material, plaintext, passphrases, tokens.
 *
 * <p>Contract: the value never appears in {@link #toString()}, equality is by identity (never by
 * content, so a secret cannot leak through a hash map), and the bytes are reachable only through
 * {@link #reveal(Function)} or {@link #copy()}, which makes every read visible in review. {@link
 * #close()} overwrites the bytes; a closed secret refuses to be read.
 */
public final class SecretBytes implements AutoCloseable {
  private final byte[] value;
  private volatile boolean destroyed;

  private SecretBytes(byte[] value) {
    this.value = value;
  }

  /** Takes a copy of {@code bytes}; the caller should wipe its own array. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /** Takes ownership of {@code bytes} without copying; the caller must not keep the array. */
  public static SecretBytes adopt(byte[] bytes) {
    return new SecretBytes(bytes);
  }

  public int length() {
    return value.length;
  }

  /** Runs {@code reader} over the secret bytes; the reader must not keep the array. */
  public <T> T reveal(Function<byte[], T> reader) {
    checkAlive();
    return reader.apply(value);
  }

  /** A fresh copy the caller owns and must wipe. */
  public byte[] copy() {
    checkAlive();
    return value.clone();
  }

  /** Constant-time comparison with {@code other}. */
  public boolean contentEquals(byte[] other) {
    checkAlive();
    return MessageDigest.isEqual(value, other);
  }

  @Override
  public void close() {
    destroyed = true;
    Arrays.fill(value, (byte) 0);
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("secret was destroyed");
    }
  }

  @Override
  public String toString() {
    return "[REDACTED]";
  }
}
