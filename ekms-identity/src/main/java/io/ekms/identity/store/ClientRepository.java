package io.ekms.identity.store;

import io.ekms.core.db.Rows;
import io.ekms.identity.domain.Client;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** JDBC access to {@code identity_clients}; lists are stored space-separated. */
public final class ClientRepository {
  private static final String COLUMNS =
      "id, name, secret_sha256, audiences, scopes, created_at, email";

  public void insert(Connection c, Client client) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO identity_clients (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      Rows.bind(
          ps,
          client.id(),
          client.name(),
          client.secretSha256(),
          String.join(" ", client.audiences()),
          String.join(" ", client.scopes()),
          client.createdAt(),
          client.email());
      ps.executeUpdate();
    }
  }

  public Optional<Client> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM identity_clients WHERE id = ?")) {
      Rows.bind(ps, id);
      return Rows.one(ps, ClientRepository::map);
    }
  }

  public List<Client> list(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM identity_clients ORDER BY created_at, id")) {
      return Rows.list(ps, ClientRepository::map);
    }
  }

  /** Sets the client's secret hash; false when there is no such client. */
  public boolean setSecret(Connection c, String id, String secretSha256) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE identity_clients SET secret_sha256 = ? WHERE id = ?")) {
      Rows.bind(ps, secretSha256, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** Deletes the client; false when there was none. */
  public boolean delete(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM identity_clients WHERE id = ?")) {
      Rows.bind(ps, id);
      return ps.executeUpdate() == 1;
    }
  }

  private static Client map(ResultSet rs) throws SQLException {
    return new Client(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("secret_sha256"),
        split(rs.getString("audiences")),
        split(rs.getString("scopes")),
        Rows.time(rs, "created_at"),
        rs.getString("email"));
  }

  private static List<String> split(String value) {
    return Arrays.asList(value.split(" "));
  }
}
