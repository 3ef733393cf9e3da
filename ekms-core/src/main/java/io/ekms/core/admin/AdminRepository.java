package io.ekms.core.admin;

import io.ekms.core.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code administrators} and {@code admin_bootstrap} tables; tokens only as SHA-256. */
final class AdminRepository {
  private static final String COLUMNS = "id, name, roles, created_at, created_by";

  void insert(Connection c, Administrator a, String tokenSha256) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO administrators (id, name, roles, token_sha256, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      Rows.bind(
          ps,
          a.id(),
          a.name(),
          roles(a.roles()),
          tokenSha256,
          a.createdAt().toEpochMilli(),
          a.createdBy());
      ps.executeUpdate();
    }
  }

  Optional<Administrator> byTokenHash(Connection c, String tokenSha256) throws SQLException {
    return one(c, "token_sha256", tokenSha256);
  }

  Optional<Administrator> byName(Connection c, String name) throws SQLException {
    return one(c, "name", name);
  }

  Optional<Administrator> byId(Connection c, String id) throws SQLException {
    return one(c, "id", id);
  }

  List<Administrator> list(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM administrators ORDER BY name")) {
      return Rows.list(ps, AdminRepository::map);
    }
  }

  int count(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM administrators");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  boolean delete(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM administrators WHERE id = ?")) {
      Rows.bind(ps, id);
      return ps.executeUpdate() == 1;
    }
  }

  boolean setTokenHash(Connection c, String id, String tokenSha256) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE administrators SET token_sha256 = ? WHERE id = ?")) {
      Rows.bind(ps, tokenSha256, id);
      return ps.executeUpdate() == 1;
    }
  }

  void putBootstrap(Connection c, String tokenSha256) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO admin_bootstrap (token_sha256) VALUES (?)")) {
      Rows.bind(ps, tokenSha256);
      ps.executeUpdate();
    }
  }

  boolean bootstrapIs(Connection c, String tokenSha256) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM admin_bootstrap WHERE token_sha256 = ?")) {
      Rows.bind(ps, tokenSha256);
      return Rows.one(ps, rs -> true).isPresent();
    }
  }

  boolean hasBootstrap(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM admin_bootstrap")) {
      return Rows.one(ps, rs -> true).isPresent();
    }
  }

  /** Deletes the bootstrap hash; true for the one transaction that did. */
  boolean retireBootstrap(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM admin_bootstrap")) {
      return ps.executeUpdate() > 0;
    }
  }

  /** Every administrator, their rows locked until the transaction ends. */
  List<Administrator> lockAll(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM administrators ORDER BY id FOR UPDATE")) {
      return Rows.list(ps, AdminRepository::map);
    }
  }

  private static Optional<Administrator> one(Connection c, String column, String value)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM administrators WHERE " + column + " = ?")) {
      Rows.bind(ps, value);
      return Rows.one(ps, AdminRepository::map);
    }
  }

  private static Administrator map(ResultSet rs) throws SQLException {
    return new Administrator(
        rs.getString(1),
        rs.getString(2),
        parseRoles(rs.getString(3)),
        Instant.ofEpochMilli(rs.getLong(4)),
        rs.getString(5));
  }

  static String roles(Set<AdminRole> roles) {
    return roles.stream().map(AdminRole::wireName).sorted().collect(Collectors.joining(","));
  }

  private static Set<AdminRole> parseRoles(String stored) {
    Set<AdminRole> out = EnumSet.noneOf(AdminRole.class);
    Arrays.stream(stored.split(","))
        .map(AdminRole::named)
        .flatMap(Optional::stream)
        .forEach(out::add);
    return out;
  }
}
