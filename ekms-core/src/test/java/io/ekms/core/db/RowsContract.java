package io.ekms.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link Rows} promises on every supported store: times as epoch milliseconds, enums by name,
 * and SQL NULL read back as null (never as 1970-01-01). Subclasses implement {@link #openDatabase}.
 */
abstract class RowsContract {
  private static final Instant WHEN = Instant.ofEpochMilli(1_700_000_000_123L);
  private Database db;

  /** Opens a fresh store with {@code migrations}. */
  protected abstract Database openDatabase(String... migrations);

  /** An enum whose name and text differ, so that binding by name is seen. */
  enum Mood {
    CALM;

    @Override
    public String toString() {
      return "calm-text";
    }
  }

  /** One row of {@code test_rows}, as {@link Rows} reads it. */
  record Row(long id, String name, String state, Instant happened) {}

  @BeforeEach
  void open() {
    db = openDatabase("db/test-rows");
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void insert(long id, Object name, Object state, Object happened) {
    db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO test_rows VALUES (?, ?, ?, ?)")) {
            Rows.bind(ps, id, name, state, happened);
            return ps.executeUpdate();
          }
        });
  }

  private static Row map(java.sql.ResultSet rs) throws SQLException {
    return new Row(
        rs.getLong("id"), rs.getString("name"), rs.getString("state"), Rows.time(rs, "happened"));
  }

  private List<Row> all() {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = select(c, "")) {
            return Rows.list(ps, RowsContract::map);
          }
        });
  }

  private Optional<Row> first(String where, Object... values) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = select(c, where)) {
            Rows.bind(ps, values);
            return Rows.one(ps, RowsContract::map);
          }
        });
  }

  private long storedMillis(long id) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = select(c, "WHERE id = ?")) {
            Rows.bind(ps, id);
            return Rows.one(ps, rs -> rs.getLong("happened")).orElseThrow();
          }
        });
  }

  private static PreparedStatement select(Connection c, String where) throws SQLException {
    return c.prepareStatement("SELECT * FROM test_rows " + where + " ORDER BY id");
  }

  @Test
  void time_sqlNull_isNull() {
    insert(1, "a", Mood.CALM, Rows.timeOrNull(null));

    assertThat(all()).containsExactly(new Row(1, "a", "CALM", null));
  }

  @Test
  void bind_instant_storesEpochMillisThatTimeReadsBack() {
    insert(1, "a", Mood.CALM, Rows.timeOrNull(WHEN));

    assertThat(storedMillis(1)).isEqualTo(WHEN.toEpochMilli());
    assertThat(all()).containsExactly(new Row(1, "a", "CALM", WHEN));
  }

  @Test
  void bind_enum_storesItsName() {
    insert(1, "a", Mood.CALM, WHEN);

    assertThat(all()).extracting(Row::state).containsExactly("CALM");
  }

  @Test
  void bind_null_storesSqlNullInTextColumns() {
    insert(1, null, null, WHEN);

    assertThat(all()).containsExactly(new Row(1, null, null, WHEN));
  }

  @Test
  void bind_typedNull_storesSqlNull() {
    insert(1, "a", new Rows.Null(java.sql.Types.VARCHAR), Rows.NULL_BIGINT);

    assertThat(all()).containsExactly(new Row(1, "a", null, null));
  }

  @Test
  void list_severalRows_mapsEveryRowInOrder() {
    insert(2, "b", null, WHEN);
    insert(1, "a", null, Rows.NULL_BIGINT);

    assertThat(all()).extracting(Row::name).containsExactly("a", "b");
  }

  @Test
  void one_severalRows_isTheFirst() {
    insert(2, "b", null, WHEN);
    insert(1, "a", null, Rows.NULL_BIGINT);

    assertThat(first("")).contains(new Row(1, "a", null, null));
  }

  @Test
  void one_noRow_isEmpty() {
    insert(1, "a", null, Rows.NULL_BIGINT);

    assertThat(first("WHERE name = ?", "zzz")).isEmpty();
  }
}
