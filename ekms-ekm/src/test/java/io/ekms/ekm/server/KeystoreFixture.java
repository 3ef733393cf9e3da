package io.ekms.ekm.server;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.secret.SecretRef;
import io.ekms.ekm.store.MetaRepository;
import io.ekms.testing.TempDirs;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** An EKM database on H2 and the keystore settings the opener tests use. */
abstract class KeystoreFixture {
  static final String WRONG_KEY = "the master key does not open this keystore";
  static final String VARIABLE = "EKMS_TEST_KEYSTORE_PASSPHRASE";
  static final String PASSPHRASE = "correct horse battery staple";

  /** PBKDF2 count for new passphrase keystores in tests; the default costs a second per start. */
  static final int FAST = 1_000;

  final Path dir = TempDirs.create("keystore-");
  Database db = openDatabase();

  private Database openDatabase() {
    return Database.open(DatabaseConfig.h2File(dir, "ekm"), Map.of(), "db/ekm", "db/audit");
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  /** Closes and reopens the database, as a restart of the EKM does. */
  void restart() {
    db.close();
    db = openDatabase();
  }

  static EkmConfig.Keystore keyFile(Path file) {
    return new EkmConfig.Keystore(file.toString(), null);
  }

  static EkmConfig.Keystore passphrase() {
    return new EkmConfig.Keystore(null, new SecretRef(null, VARIABLE));
  }

  SecretBytes openWith(String passphrase) {
    return KeystoreOpener.open(passphrase(), db, Map.of(VARIABLE, passphrase), FAST);
  }

  Optional<String> meta(String name) {
    return db.withConnection(c -> new MetaRepository().get(c, name));
  }
}
