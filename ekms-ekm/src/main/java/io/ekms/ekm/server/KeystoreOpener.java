package io.ekms.ekm.server;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.KeyCheck;
import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.ekm.backend.software.MasterKey;
import io.ekms.ekm.store.MetaRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens the software keystore's master key and proves it is the right one before the EKM serves:
 * the first start stores a check value sealed under the key, later starts must open it.
 */
final class KeystoreOpener {
  private static final MetaRepository META = new MetaRepository();

  private KeystoreOpener() {}

  static SecretBytes open(EkmConfig.Keystore config, Database db, Map<String, String> env) {
    return open(config, db, env, MasterKey.PBKDF2_ITERATIONS);
  }

  /**
   * As {@link #open(EkmConfig.Keystore, Database, Map)}; {@code newKeystoreIterations} is the
   * PBKDF2 count a passphrase keystore gets at its first start (an existing one keeps its stored
   * count).
   */
  static SecretBytes open(
      EkmConfig.Keystore config, Database db, Map<String, String> env, int newKeystoreIterations) {
    SecretBytes key =
        config.passphrase() != null
            ? PassphraseKey.derive(config.passphrase(), db, env, newKeystoreIterations)
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

  /**
   * Proves {@code key} is the keystore's: the first start stores a check value sealed under it,
   * every start (the first included) must open the stored one.
   */
  private static void verify(SecretBytes key, Database db) {
    String stored = storeOnce(db, "master_check", () -> KeyCheck.create(key));
    if (!KeyCheck.matches(key, stored)) {
      key.close();
      throw new Misconfiguration(
          "the master key does not open this keystore"
              + " (wrong key file or passphrase for this database).");
    }
  }

  /**
   * The stored value of {@code name}, or {@code fresh} once stored. The first writer wins: nodes
   * starting together on one database must all end up with the same salt and check value, never one
   * overwriting another's after it has started using its own.
   */
  static String storeOnce(Database db, String name, Supplier<String> fresh) {
    Optional<String> stored = db.withConnection(c -> META.get(c, name));
    if (stored.isPresent()) {
      return stored.get();
    }
    String value = fresh.get();
    try {
      db.inTransaction(
          c -> {
            META.insert(c, name, value);
            return null;
          });
      return value;
    } catch (StoreException e) {
      if (!e.isDuplicateKey()) {
        throw e;
      }
      return db.withConnection(c -> META.get(c, name)).orElseThrow(() -> e);
    }
  }
}
