package io.ekms.common.secret;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A secret text field of a request or answer body: a client secret, an access key's secret, an
 * access token. Jackson reads it from and writes it as a plain JSON string, so the wire format is
 * that of a {@code String} field; in Java it is never a {@code String}.
 *
 * <p>Contract: {@link #toString()} never shows the value (neither does {@link Redacted}), equality
 * is by identity, the value leaves only as {@link SecretBytes} ({@link #toSecretBytes()}) or as the
 * JSON it is written to, and {@link #close()} wipes it; a closed secret refuses to be read.
 */
public final class WireSecret implements AutoCloseable {
  private final SecretBytes utf8;

  private WireSecret(SecretBytes utf8) {
    this.utf8 = utf8;
  }

  /** The secret {@code text}, as Jackson makes it from a JSON string. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static WireSecret of(String text) {
    Objects.requireNonNull(text, "text");
    return new WireSecret(SecretBytes.adopt(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether the text is empty or only white space, which no secret may be. */
  public boolean isBlank() {
    return utf8.reveal(b -> new String(b, StandardCharsets.UTF_8).isBlank());
  }

  /** A copy of the UTF-8 bytes, which the caller owns and closes. */
  public SecretBytes toSecretBytes() {
    return SecretBytes.adopt(utf8.copy());
  }

  /** Wipes the value. */
  @Override
  public void close() {
    utf8.close();
  }

  /** The JSON string Jackson writes. */
  @JsonValue
  private String json() {
    return utf8.reveal(b -> new String(b, StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "[REDACTED]";
  }
}
