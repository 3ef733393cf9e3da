package io.ekms.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ekms.common.config.Misconfiguration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link Database} promises on every supported store: migrations from several folders,
 * transactions that commit or roll back, and constraint violations told apart. Subclasses implement
 * {@link #openDatabase}.
 */
abstract class DatabaseContract {
  private final List<Database> opened = new ArrayList<>();

  /**
   * Opens the store with {@code migrations}: empty on the first call of a test instance; later
   * calls reopen the same store.
   */
  protected abstract Database openDatabase(String... migrations);

  protected abstract boolean expectPostgres();

  private Database open(String... migrations) {
    Database db = openDatabase(migrations);
    opened.add(db);
    return db;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(Database::close);
  }

  private static int insertWidget(Connection c, long id, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO test_widget VALUES (?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, name);
      return ps.executeUpdate();
    }
  }

  private static int update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  private static StoreException storeFailure(Database db, Database.SqlWork<?> work) {
    Throwable thrown = catchThrowable(() -> db.inTransaction(work));
    assertThat(thrown).isInstanceOf(StoreException.class);
    return (StoreException) thrown;
  }

  private static List<String> widgets(Database db) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT name FROM test_widget ORDER BY id");
              ResultSet rs = ps.executeQuery()) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
              names.add(rs.getString(1));
            }
            return names;
          }
        });
  }

  @Test
  void open_severalFolders_appliesEveryMigrationInVersionOrder() {
    Database db = open("db/test-b", "db/test-a");

    db.inTransaction(c -> insertWidget(c, 1, "w"));
    db.inTransaction(c -> update(c, "INSERT INTO test_gadget VALUES (7, 1)"));

    assertThat(widgets(db)).containsExactly("w");
    assertThat(db.isPostgres()).isEqualTo(expectPostgres());
  }

  @Test
  void open_again_keepsDataAndAppliesOnlyNewMigrations() {
    Database first = open("db/test-a");
    first.inTransaction(c -> insertWidget(c, 1, "kept"));
    first.close();

    Database second = open("db/test-a", "db/test-b");

    assertThat(widgets(second)).containsExactly("kept");
    second.inTransaction(c -> update(c, "INSERT INTO test_gadget VALUES (1, 1)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"db/test-broken", "db/test-dup"})
  void open_brokenOrClashingMigration_isMisconfiguration(String folder) {
    assertThatThrownBy(() -> open("db/test-a", folder))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageStartingWith("Misconfiguration: database migration failed (");
  }

  @Test
  void inTransaction_workReturns_commitsAndReturnsResult() {
    Database db = open("db/test-a");

    int rows = db.inTransaction(c -> insertWidget(c, 1, "a") + insertWidget(c, 2, "b"));

    assertThat(rows).isEqualTo(2);
    assertThat(widgets(db)).containsExactly("a", "b");
  }

  @Test
  void inTransaction_runtimeException_rollsBackAndRethrowsIt() {
    Database db = open("db/test-a");
    IllegalStateException failure = new IllegalStateException("service said no");

    assertThatThrownBy(() -> db.inTransaction(insertThenThrow(failure, false))).isSameAs(failure);
    assertThat(widgets(db)).isEmpty();
  }

  @Test
  void inTransaction_sqlException_rollsBackAsStoreException() {
    Database db = open("db/test-a");

    StoreException e =
        storeFailure(db, c -> insertWidget(c, 1, "gone") + update(c, "DELETE FROM no_table"));

    assertThat(e).hasCauseInstanceOf(SQLException.class);
    assertThat(e.isConstraintViolation()).isFalse();
    assertThat(widgets(db)).isEmpty();
  }

  @Test
  void inTransaction_duplicateKey_isDuplicateKeyConstraintViolation() {
    Database db = open("db/test-a");
    db.inTransaction(c -> insertWidget(c, 1, "a"));

    StoreException samePrimaryKey = storeFailure(db, c -> insertWidget(c, 1, "other"));
    StoreException sameUniqueName = storeFailure(db, c -> insertWidget(c, 2, "a"));

    for (StoreException e : List.of(samePrimaryKey, sameUniqueName)) {
      assertThat(e.isConstraintViolation()).isTrue();
      assertThat(e.isDuplicateKey()).isTrue();
    }
    assertThat(widgets(db)).containsExactly("a");
  }

  @Test
  void inTransaction_foreignKeyMissing_isConstraintViolationButNotDuplicate() {
    Database db = open("db/test-a", "db/test-b");

    StoreException e = storeFailure(db, c -> update(c, "INSERT INTO test_gadget VALUES (1, 99)"));

    assertThat(e.isConstraintViolation()).isTrue();
    assertThat(e.isDuplicateKey()).isFalse();
  }

  @Test
  void inTransaction_rollbackFailsToo_rethrowsWorkFailureWithRollbackSuppressed() {
    Database db = open("db/test-a");
    IllegalStateException failure = new IllegalStateException("service said no");

    assertThatThrownBy(() -> db.inTransaction(insertThenThrow(failure, true))).isSameAs(failure);
    assertThat(failure.getSuppressed()).singleElement().isInstanceOf(SQLException.class);
    assertThat(widgets(db)).isEmpty();
  }

  /** Inserts a row, optionally breaks the connection (so rollback fails too), then throws. */
  private static Database.SqlWork<Integer> insertThenThrow(
      RuntimeException failure, boolean closeConnection) {
    return c -> {
      insertWidget(c, 1, "gone");
      if (closeConnection) {
        c.close();
      }
      throw failure;
    };
  }
}
