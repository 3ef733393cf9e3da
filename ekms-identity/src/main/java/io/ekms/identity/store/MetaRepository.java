package io.ekms.identity.store;

import io.ekms.core.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/** Named settings the identity server keeps beside its objects (the admin token's hash). */
public final class MetaRepository {
  public Optional<String> get(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT meta_value FROM identity_meta WHERE name = ?")) {
      Rows.bind(ps, name);
      return Rows.one(ps, rs -> rs.getString(1));
    }
  }

  public void put(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE identity_meta SET meta_value = ? WHERE name = ?")) {
      Rows.bind(update, value, name);
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO identity_meta (name, meta_value) VALUES (?, ?)")) {
      Rows.bind(insert, name, value);
      insert.executeUpdate();
    }
  }
}
