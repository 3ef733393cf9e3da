package io.ekms.kms.server;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.KeyCheck;
import io.ekms.core.crypto.KeyFile;
import io.ekms.core.db.Database;
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
    String stored = db.withConnection(c -> Meta.get(c, "master_check"));
    if (stored == null) {
      String check = KeyCheck.create(key);
      db.inTransaction(
          c -> {
            Meta.put(c, "master_check", check);
            return null;
          });
    } else if (!KeyCheck.matches(key, stored)) {
      key.close();
      throw new Misconfiguration(
          "the KMS master key does not open this database" + " (wrong masterKeyFile for it).");
    }
    return key;
  }
}
