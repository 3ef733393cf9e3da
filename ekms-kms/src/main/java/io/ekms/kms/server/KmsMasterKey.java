package io.ekms.kms.server;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.KeyCheck;
import io.ekms.core.crypto.KeyFile;
import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the KMS master key (it seals the vaults' OAuth client secrets) and proves it is the one
 * this database was first started with.
 */
final class KmsMasterKey {
  private KmsMasterKey() {}

  static SecretBytes open(Path file, Database db) {
    SecretBytes key;
    try {
      key = KeyFile.read(file);
    } catch (IOException e) {
      throw new Misconfiguration(
          "cannot read the KMS master key file "
              + file
              + "; run 'ekms kms init' first or fix masterKeyFile ("
              + e.getMessage()
              + ").");
    }
    String stored = storeOnce(db, KeyCheck.create(key));
    if (!KeyCheck.matches(key, stored)) {
      key.close();
      throw new Misconfiguration(
          "the KMS master key does not open this database" + " (wrong masterKeyFile for it).");
    }
    return key;
  }

  /**
   * The stored check value, or {@code fresh} once stored. The first writer wins: KMS nodes starting
   * together on a new database all end up checking against one value.
   */
  static String storeOnce(Database db, String fresh) {
    String stored = db.withConnection(c -> Meta.get(c, "master_check"));
    return stored != null ? stored : insertOrRead(db, fresh);
  }

  /**
   * Stores {@code fresh} and returns it, or, when another node stored one first (the insert is a
   * duplicate), returns that one instead of failing.
   */
  static String insertOrRead(Database db, String fresh) {
    try {
      db.inTransaction(
          c -> {
            Meta.put(c, "master_check", fresh);
            return null;
          });
      return fresh;
    } catch (StoreException e) {
      if (!e.isDuplicateKey()) {
        throw e;
      }
      String winner = db.withConnection(c -> Meta.get(c, "master_check"));
      if (winner == null) {
        throw e;
      }
      return winner;
    }
  }
}
