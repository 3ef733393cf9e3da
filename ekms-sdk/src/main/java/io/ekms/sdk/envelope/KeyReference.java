package io.ekms.sdk.envelope;

import java.util.Objects;

/**
 * Names the KMS key that wraps an envelope's data key: the vault (whose crypto endpoint serves the
 * key) and the key's OCID. Both are written into the envelope header, so decryption needs no hint.
 *
 * <p>Each id is 1 to 255 printable US-ASCII characters (0x21 to 0x7e), the header's bound.
 */
public record KeyReference(String vaultId, String keyId) {
  /** The longest id the header can carry. */
  public static final int MAX_ID = 255;

  /**
   * Checks both ids.
   *
   * @throws IllegalArgumentException when an id is empty, too long or not printable ASCII
   */
  public KeyReference {
    check("vaultId", vaultId);
    check("keyId", keyId);
  }

  private static void check(String name, String id) {
    Objects.requireNonNull(id, name);
    if (!printable(id)) {
      throw new IllegalArgumentException(
          name + " must be 1 to " + MAX_ID + " printable US-ASCII characters");
    }
  }

  static boolean printable(String id) {
    if (id.isEmpty() || id.length() > MAX_ID) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
