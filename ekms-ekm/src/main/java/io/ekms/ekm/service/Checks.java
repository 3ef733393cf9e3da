package io.ekms.ekm.service;

import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.store.CryptoLookup.Found;
import java.util.Optional;

/**
 * The state rules of crypto requests, in the order docs/protocols/ekm-api.md gives (Order of
 * checks).
 */
final class Checks {
  private Checks() {}

  /** The key exists and is not deleted (a deleted key is gone: 404). */
  static Key existingKey(Found found) {
    Key key = found.key().orElseThrow(() -> EkmError.NOT_FOUND.error("The key does not exist."));
    if (key.state() == KeyState.DELETED) {
      throw EkmError.NOT_FOUND.error("The key does not exist.");
    }
    return key;
  }

  /**
   * A key a protocol key store (XKS, Google) may expose: it exists and is AES-256; {@code kind}
   * names the protocol's keys in the refusal.
   */
  static Key exposableKey(Optional<Found> found, String kind) {
    Key key =
        existingKey(found.orElseThrow(() -> EkmError.NOT_FOUND.error("The vault does not exist.")));
    if (key.lengthBits() != 256) {
      throw EkmError.INVALID_REQUEST.error(kind + " keys must be AES-256.");
    }
    return key;
  }

  /** The version exists and its material has not been destroyed. */
  static KeyVersion existingVersion(Found found) {
    return found
        .version()
        .orElseThrow(() -> EkmError.NOT_FOUND.error("The key version does not exist."));
  }

  static Key usableKey(Found found, KeyOp op) {
    Key key = existingKey(found);
    if (key.state() == KeyState.DISABLED || key.state() == KeyState.PENDING_DELETION) {
      throw EkmError.KEY_DISABLED.error("The key is disabled.");
    }
    if (!key.allows(op)) {
      throw EkmError.OPERATION_NOT_PERMITTED.error("The key does not allow " + op + ".");
    }
    return key;
  }

  static KeyVersion usableVersion(Found found) {
    KeyVersion version = existingVersion(found);
    return switch (version.state()) {
      case ACTIVE -> version;
      case DISABLED -> throw EkmError.KEY_VERSION_DISABLED.error("The key version is disabled.");
      case DESTROYED ->
          throw EkmError.NOT_FOUND.error(
              "The key version was destroyed; its ciphertexts cannot be decrypted.");
    };
  }
}
