package io.ekms.ekm.store;

import io.ekms.core.db.Rows;
import io.ekms.ekm.domain.policy.Policy;
import io.ekms.ekm.domain.policy.PolicyEffect;
import io.ekms.ekm.domain.policy.PolicyScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Key-access policies; the per-request read takes one query for the vault, key and store. */
public final class PolicyRepository {
  private static final String COLUMNS =
      "id, name, scope, scope_id, effect, expression, revision, created_at, updated_at";

  private static final String APPLYING =
      "SELECT "
          + COLUMNS
          + " FROM ekm_policies WHERE (scope = 'VAULT' AND scope_id = ?)"
          + " OR (scope = 'KEY' AND scope_id = ?) OR (scope = ? AND scope_id = ?)";

  public void insert(Connection c, Policy p) throws SQLException {
    update(
        c,
        "INSERT INTO ekm_policies (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.id(),
        p.name(),
        p.scope(),
        p.scopeId(),
        p.effect(),
        p.expression(),
        p.revision(),
        p.createdAt(),
        p.updatedAt());
  }

  /** Replaces the effect and text of policy {@code p.id()} if its revision is still {@code was}. */
  public boolean replace(Connection c, Policy p, long was) throws SQLException {
    return update(
            c,
            "UPDATE ekm_policies SET effect = ?, expression = ?, revision = ?, updated_at = ?"
                + " WHERE id = ? AND revision = ?",
            p.effect(),
            p.expression(),
            p.revision(),
            p.updatedAt(),
            p.id(),
            was)
        == 1;
  }

  public boolean delete(Connection c, String id) throws SQLException {
    return update(c, "DELETE FROM ekm_policies WHERE id = ?", id) == 1;
  }

  public Optional<Policy> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM ekm_policies WHERE id = ?")) {
      Rows.bind(ps, id);
      return Rows.one(ps, PolicyRepository::map);
    }
  }

  /** Every policy, or those of one scope object when {@code scope} is given. */
  public List<Policy> list(Connection c, PolicyScope scope, String scopeId) throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM ekm_policies"
            + (scope == null ? "" : " WHERE scope = ? AND scope_id = ?")
            + " ORDER BY scope, scope_id, name";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (scope != null) {
        Rows.bind(ps, scope, scopeId);
      }
      return Rows.list(ps, PolicyRepository::map);
    }
  }

  /**
   * Up to {@code page.limit()} policies after the page's cursor, oldest first: every policy, or
   * those of one scope object when {@code scope} is given.
   */
  public List<Policy> page(Connection c, PolicyScope scope, String scopeId, PageQuery page)
      throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM ekm_policies WHERE "
            + (scope == null ? "1 = 1" : "scope = ? AND scope_id = ?")
            + page.condition()
            + " ORDER BY created_at, id LIMIT "
            + page.limit();
    List<Object> values = new ArrayList<>();
    if (scope != null) {
      values.add(scope);
      values.add(scopeId);
    }
    values.addAll(List.of(page.parameters()));
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Rows.bind(ps, values.toArray());
      return Rows.list(ps, PolicyRepository::map);
    }
  }

  /**
   * The policies a request meets: its vault's, its key's and, when {@code storeScope} is given, its
   * key store's.
   */
  public List<Policy> applying(
      Connection c, String vaultId, String keyId, PolicyScope storeScope, String storeId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(APPLYING)) {
      Rows.bind(
          ps,
          vaultId == null ? "" : vaultId,
          keyId == null ? "" : keyId,
          storeScope == null ? "" : storeScope.name(),
          storeId == null ? "" : storeId);
      return Rows.list(ps, PolicyRepository::map);
    }
  }

  /** True when the vault, key or key store a policy is to be attached to exists. */
  public boolean scopeExists(Connection c, PolicyScope scope, String id) throws SQLException {
    String table =
        switch (scope) {
          case VAULT -> "ekm_vaults";
          case KEY -> "ekm_keys";
          case XKS_KEY_STORE -> "ekm_xks_stores";
          case GCP_KEY_STORE -> "ekm_gcp_stores";
        };
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ?")) {
      Rows.bind(ps, id);
      return Rows.one(ps, rs -> true).isPresent();
    }
  }

  private static Policy map(ResultSet rs) throws SQLException {
    return new Policy(
        rs.getString(1),
        rs.getString(2),
        PolicyScope.valueOf(rs.getString(3)),
        rs.getString(4),
        PolicyEffect.valueOf(rs.getString(5)),
        rs.getString(6),
        rs.getLong(7),
        Instant.ofEpochMilli(rs.getLong(8)),
        Instant.ofEpochMilli(rs.getLong(9)));
  }

  private static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Rows.bind(ps, values);
      return ps.executeUpdate();
    }
  }
}
