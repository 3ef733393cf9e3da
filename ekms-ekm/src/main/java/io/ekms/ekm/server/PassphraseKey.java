package io.ekms.ekm.server;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.secret.SecretRef;
import io.ekms.ekm.backend.software.MasterKey;
import io.ekms.ekm.store.MetaRepository;
import java.util.Base64;
import java.util.Map;

/**
 * The master key of a passphrase keystore: PBKDF2-HMAC-SHA256 over the passphrase with the salt and
 * iteration count that the keystore's first start stored. The count is stored, not assumed, so
 * raising {@link MasterKey#PBKDF2_ITERATIONS} later leaves existing keystores openable.
 */
final class PassphraseKey {
  /** The count of keystores made before it was stored beside the salt. */
  static final int LEGACY_ITERATIONS = 600_000;

  private static final int MIN_CHARACTERS = 12;

  private PassphraseKey() {}

  static SecretBytes derive(
      SecretRef ref, Database db, Map<String, String> env, int newKeystoreIterations) {
    try (SecretBytes passphrase = ref.resolve(env)) {
      if (passphrase.reveal(PassphraseKey::characters) < MIN_CHARACTERS) {
        throw new Misconfiguration("the keystore passphrase must be at least 12 characters.");
      }
      boolean existing =
          db.withConnection(c -> new MetaRepository().get(c, "kdf_salt")).isPresent();
      String salt =
          KeystoreOpener.storeOnce(
              db, "kdf_salt", () -> Base64.getEncoder().encodeToString(Randoms.bytes(16)));
      String proposed = Integer.toString(existing ? LEGACY_ITERATIONS : newKeystoreIterations);
      int iterations = parse(KeystoreOpener.storeOnce(db, "kdf_iterations", () -> proposed));
      return MasterKey.fromPassphrase(passphrase, Base64.getDecoder().decode(salt), iterations);
    }
  }

  private static int parse(String stored) {
    try {
      int iterations = Integer.parseInt(stored);
      if (iterations > 0) {
        return iterations;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new Misconfiguration("the keystore's stored kdf_iterations is damaged: " + stored + ".");
  }

  /**
   * Characters (code points), not bytes: four euro signs are 12 UTF-8 bytes but 4 characters.
   * Counted on the bytes, so the passphrase never becomes a String that cannot be wiped.
   */
  private static int characters(byte[] utf8) {
    int count = 0;
    for (byte b : utf8) {
      if ((b & 0xC0) != 0x80) {
        count++;
      }
    }
    return count;
  }
}
