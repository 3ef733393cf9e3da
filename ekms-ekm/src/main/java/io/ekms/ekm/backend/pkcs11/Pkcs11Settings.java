package io.ekms.ekm.backend.pkcs11;

import io.ekms.common.secret.SecretBytes;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the token: the PKCS#11 library, the token's label, the user PIN (owned, and wiped,
 * by the backend) and the least time between two attempts to reconnect after a device failure.
 */
public record Pkcs11Settings(
    String library, String tokenLabel, SecretBytes pin, Duration reconnectInterval) {
  public Pkcs11Settings {
    Objects.requireNonNull(pin, "pin");
    if (library == null || library.isBlank()) {
      throw new IllegalArgumentException("pkcs11.library is required");
    }
    if (tokenLabel == null || tokenLabel.isEmpty() || tokenLabel.length() > 32) {
      throw new IllegalArgumentException("pkcs11.tokenLabel must be 1 to 32 characters");
    }
    if (reconnectInterval == null || reconnectInterval.isNegative()) {
      throw new IllegalArgumentException("pkcs11 reconnect interval must not be negative");
    }
  }
}
