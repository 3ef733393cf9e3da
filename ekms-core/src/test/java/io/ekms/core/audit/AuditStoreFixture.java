package io.ekms.core.audit;

import io.ekms.core.db.Database;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store under test, shared by the audit contracts. To run them against another database,
 * subclass each contract ({@link AuditLogContract}, {@link AuditLogFailureContract}) and implement
 * {@link #openDatabase()}.
 */
abstract class AuditStoreFixture {
  private final List<AutoCloseable> opened = new ArrayList<>();
  protected Database database;

  /**
   * Opens this test's database with the {@code db/audit} migrations: empty on the first call of a
   * test instance; later calls reopen the same store (for restart tests).
   */
  protected abstract Database openDatabase();

  @BeforeEach
  void openStore() {
    database = track(openDatabase());
  }

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(opened);
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  protected final <T extends AutoCloseable> T track(T closeable) {
    opened.add(closeable);
    return closeable;
  }

  /** How the tampering tests change this store's default chain; the rows of the database here. */
  protected ChainTamper tamper() {
    return ChainTamper.rows(database);
  }

  /** The options a log of this store opens with: {@code options} as given here. */
  protected AuditLogOptions stored(AuditLogOptions options) {
    return options;
  }

  protected final AuditLog openLog(AuditLogOptions options) {
    return track(new AuditLog(database, stored(options)));
  }
}
