package io.ekms.ekm.store;

import io.ekms.core.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/** Named settings the EKM keeps beside its objects (keystore check value, admin token hash). */
public final class MetaRepository {
  public Optional<String> get(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT meta_value FROM ekm_meta WHERE name = ?")) {
      Rows.bind(ps, name);
      return Rows.one(ps, rs -> rs.getString(1));
    }
  }

  /** Stores a new setting; a name that exists already is a constraint violation (SQLState 23). */
  public void insert(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO ekm_meta (name, meta_value) VALUES (?, ?)")) {
      Rows.bind(insert, name, value);
      insert.executeUpdate();
    }
  }

  /** Stores a setting, replacing its value when the name exists. */
  public void put(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE ekm_meta SET meta_value = ? WHERE name = ?")) {
      Rows.bind(update, value, name);
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    insert(c, name, value);
  }
}
