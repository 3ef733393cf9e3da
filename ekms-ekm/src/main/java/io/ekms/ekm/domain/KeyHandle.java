package io.ekms.ekm.domain;

import java.util.Objects;

/**
 * Names one key inside a backend: an object label for a PKCS#11 token, a sealed blob for the
 * software keystore. Opaque outside its backend; never key material in the clear.
 */
public record KeyHandle(String backend, String reference) {
  public KeyHandle {
    Objects.requireNonNull(backend);
    if (reference == null || reference.isEmpty() || reference.length() > 1024) {
      throw new IllegalArgumentException("key handle reference must be 1 to 1024 characters");
    }
  }

  @Override
  public String toString() {
    return "KeyHandle[" + backend + "]";
  }
}
