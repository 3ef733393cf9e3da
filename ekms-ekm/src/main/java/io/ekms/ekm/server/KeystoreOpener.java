package io.ekms.ekm.server;

import io.ekms.core.config.Misconfiguration;
import io.ekms.core.crypto.KeyCheck;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.secret.SecretBytes;
import io.ekms.ekm.backend.software.MasterKey;
import io.ekms.ekm.store.MetaRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Opens the software keystore's master key and proves it is the right one before the EKM serves:
 * the first start stores a check value sealed under the key, later starts must open it.
 */
final class KeystoreOpener {
  private static final MetaRepository META = new MetaRepository();

  private KeystoreOpener() {}

  static SecretBytes open(EkmConfig.Keystore config, Database db, Map<String, String> env) {
    SecretBytes key =
        config.passphrase() != null
            ? fromPassphrase(config, db, env)
            : fromFile(Path.of(config.masterKeyFile()));
    verify(key, db);
    return key;
  }

  private static SecretBytes fromFile(Path file) {
    try {
      return MasterKey.readFile(file);
    } catch (IOException e) {
      throw new Misconfiguration(
          "cannot read the master key file "
              + file
              + "; run 'ekms ekm init' first or fix keystore.masterKeyFile ("
              + e.getMessage()
              + ").");
    }
  }

  private static SecretBytes fromPassphrase(
      EkmConfig.Keystore config, Database db, Map<String, String> env) {
    String salt =
        db.inTransaction(
            c -> {
              var stored = META.get(c, "kdf_salt");
              if (stored.isPresent()) {
                return stored.get();
              }
              String fresh = Base64.getEncoder().encodeToString(Randoms.bytes(16));
              META.put(c, "kdf_salt", fresh);
              return fresh;
            });
    try (SecretBytes passphrase = config.passphrase().resolve(env)) {
      if (passphrase.length() < 12) {
        throw new Misconfiguration("the keystore passphrase must be at least 12 characters.");
      }
      return MasterKey.fromPassphrase(
          passphrase, Base64.getDecoder().decode(salt), MasterKey.PBKDF2_ITERATIONS);
    }
  }

  private static void verify(SecretBytes key, Database db) {
    String stored = db.withConnection(c -> META.get(c, "master_check")).orElse(null);
    if (stored == null) {
      String check = KeyCheck.create(key);
      db.inTransaction(
          c -> {
            META.put(c, "master_check", check);
            return null;
          });
    } else if (!KeyCheck.matches(key, stored)) {
      key.close();
      throw new Misconfiguration(
          "the master key does not open this keystore"
              + " (wrong key file or passphrase for this database).");
    }
  }
}
