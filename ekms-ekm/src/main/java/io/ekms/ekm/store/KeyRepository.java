package io.ekms.ekm.store;

import io.ekms.core.db.Rows;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Keys of vaults. */
public final class KeyRepository {
  static final String COLUMNS =
      "id, vault_id, name, length_bits, state, ops, current_version_id,"
          + " backend, created_at, updated_at";

  public void insert(Connection c, Key k) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ekm_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Rows.bind(
          ps,
          k.id(),
          k.vaultId(),
          k.name(),
          k.lengthBits(),
          k.state(),
          ops(k.ops()),
          k.currentVersionId(),
          k.backend(),
          k.createdAt(),
          k.updatedAt());
      ps.executeUpdate();
    }
  }

  /** Stores what may change of a key: its state, operations, current version and update time. */
  public void update(Connection c, Key k) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ekm_keys SET state = ?, ops = ?, current_version_id = ?, updated_at = ?"
                + " WHERE id = ?")) {
      Rows.bind(ps, k.state(), ops(k.ops()), k.currentVersionId(), k.updatedAt(), k.id());
      ps.executeUpdate();
    }
  }

  public Optional<Key> find(Connection c, String vaultId, String keyId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM ekm_keys WHERE vault_id = ? AND id = ?")) {
      Rows.bind(ps, vaultId, keyId);
      return Rows.one(ps, KeyRepository::map);
    }
  }

  /** Locks the key's row until the transaction ends, so rotations of one key serialize. */
  public Optional<Key> findForUpdate(Connection c, String vaultId, String keyId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM ekm_keys WHERE vault_id = ? AND id = ? FOR UPDATE")) {
      Rows.bind(ps, vaultId, keyId);
      return Rows.one(ps, KeyRepository::map);
    }
  }

  public List<Key> list(Connection c, String vaultId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM ekm_keys WHERE vault_id = ? ORDER BY created_at, id")) {
      Rows.bind(ps, vaultId);
      return Rows.list(ps, KeyRepository::map);
    }
  }

  /** Up to {@code page.limit()} keys of the vault after the page's cursor, oldest first. */
  public List<Key> page(Connection c, String vaultId, PageQuery page) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM ekm_keys WHERE vault_id = ?"
                + page.condition()
                + " ORDER BY created_at, id LIMIT "
                + page.limit())) {
      Object[] params = page.parameters();
      Object[] all = new Object[params.length + 1];
      all[0] = vaultId;
      System.arraycopy(params, 0, all, 1, params.length);
      Rows.bind(ps, all);
      return Rows.list(ps, KeyRepository::map);
    }
  }

  static Key map(ResultSet rs) throws SQLException {
    return new Key(
        rs.getString("id"),
        rs.getString("vault_id"),
        rs.getString("name"),
        rs.getInt("length_bits"),
        KeyState.valueOf(rs.getString("state")),
        parseOps(rs.getString("ops")),
        rs.getString("current_version_id"),
        rs.getString("backend"),
        Rows.time(rs, "created_at"),
        Rows.time(rs, "updated_at"));
  }

  private static String ops(Set<KeyOp> ops) {
    return ops.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  private static Set<KeyOp> parseOps(String value) {
    Set<KeyOp> out = EnumSet.noneOf(KeyOp.class);
    for (String s : value.split(",")) {
      out.add(KeyOp.valueOf(s));
    }
    return out;
  }
}
