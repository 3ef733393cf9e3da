package io.ekms.kms.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Named settings in {@code kms_meta} (the master key check value). */
final class Meta {
  private Meta() {}

  static String get(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT meta_value FROM kms_meta WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static void put(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO kms_meta (name, meta_value) VALUES (?, ?)")) {
      ps.setString(1, name);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }
}
