package io.ekms.ekm.backend.pkcs11;

import io.ekms.common.secret.SecretBytes;
import io.ekms.testing.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Backend settings for the build's {@link SoftHsm} token, reconnecting without delay. */
final class SoftHsmSettings {
  private SoftHsmSettings() {}

  /** Settings for {@code label} of {@code library} with {@code pin}, after making the tokens. */
  static Pkcs11Settings of(String library, String label, String pin) {
    SoftHsm.tokens();
    return new Pkcs11Settings(
        library, label, SecretBytes.copyOf(pin.getBytes(StandardCharsets.UTF_8)), Duration.ZERO);
  }

  /** Settings for the test token with its PIN. */
  static Pkcs11Settings of() {
    return of(SoftHsm.LIBRARY, SoftHsm.LABEL, SoftHsm.PIN);
  }
}
