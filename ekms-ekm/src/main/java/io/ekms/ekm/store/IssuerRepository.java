package io.ekms.ekm.store;

import io.ekms.core.db.Rows;
import io.ekms.ekm.domain.Issuer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Trusted issuers. */
public final class IssuerRepository {
  private static final String COLUMNS =
      "id, issuer, jwks_uri, discovery_url, ca_bundle, created_at";

  public void insert(Connection c, Issuer i) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO ekm_issuers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      Rows.bind(
          ps, i.id(), i.issuer(), i.jwksUri(), i.discoveryUrl(), i.caBundlePem(), i.createdAt());
      ps.executeUpdate();
    }
  }

  public List<Issuer> list(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM ekm_issuers ORDER BY created_at, id")) {
      return Rows.list(ps, IssuerRepository::map);
    }
  }

  /** Up to {@code page.limit()} issuers after the page's cursor, oldest first. */
  public List<Issuer> page(Connection c, PageQuery page) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM ekm_issuers WHERE 1 = 1"
                + page.condition()
                + " ORDER BY created_at, id LIMIT "
                + page.limit())) {
      Rows.bind(ps, page.parameters());
      return Rows.list(ps, IssuerRepository::map);
    }
  }

  public Optional<Issuer> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM ekm_issuers WHERE id = ?")) {
      Rows.bind(ps, id);
      return Rows.one(ps, IssuerRepository::map);
    }
  }

  public Optional<Issuer> findByIssuer(Connection c, String issuer) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM ekm_issuers WHERE issuer = ?")) {
      Rows.bind(ps, issuer);
      return Rows.one(ps, IssuerRepository::map);
    }
  }

  /** Replaces where the issuer's keys come from (JWKS, discovery URL, CA bundle). */
  public void update(Connection c, Issuer i) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ekm_issuers SET jwks_uri = ?, discovery_url = ?, ca_bundle = ? WHERE id = ?")) {
      Rows.bind(ps, i.jwksUri(), i.discoveryUrl(), i.caBundlePem(), i.id());
      ps.executeUpdate();
    }
  }

  /** Removes an issuer; false when there is none with this id. */
  public boolean delete(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM ekm_issuers WHERE id = ?")) {
      Rows.bind(ps, id);
      return ps.executeUpdate() == 1;
    }
  }

  private static Issuer map(ResultSet rs) throws SQLException {
    return new Issuer(
        rs.getString("id"),
        rs.getString("issuer"),
        rs.getString("jwks_uri"),
        rs.getString("discovery_url"),
        rs.getString("ca_bundle"),
        Rows.time(rs, "created_at"));
  }
}
