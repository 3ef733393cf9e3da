package io.ekms.ekm.store;

import io.ekms.core.db.Rows;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KmsRotation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Keys of vaults. */
public final class KeyRepository {
  static final String COLUMNS =
      "id, vault_id, name, length_bits, state, ops, current_version_id,"
          + " backend, created_at, updated_at, kms_rotation, rotation_period_days, next_rotation_at";

  public void insert(Connection c, Key k) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ekm_keys ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
          k.updatedAt(),
          k.kmsRotation(),
          period(k),
          Rows.timeOrNull(k.nextRotationAt()));
      ps.executeUpdate();
    }
  }

  /**
   * Stores what may change of a key: its state, operations, current version, rotation settings and
   * update time.
   */
  public void update(Connection c, Key k) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ekm_keys SET state = ?, ops = ?, current_version_id = ?, updated_at = ?,"
                + " kms_rotation = ?, rotation_period_days = ?, next_rotation_at = ?"
                + " WHERE id = ?")) {
      Rows.bind(
          ps,
          k.state(),
          ops(k.ops()),
          k.currentVersionId(),
          k.updatedAt(),
          k.kmsRotation(),
          period(k),
          Rows.timeOrNull(k.nextRotationAt()),
          k.id());
      ps.executeUpdate();
    }
  }

  /**
   * Up to {@code limit} ACTIVE keys whose crypto period has run out at {@code now}, the longest
   * overdue first.
   */
  public List<Key> dueForRotation(Connection c, Instant now, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM ekm_keys WHERE next_rotation_at <= ? AND state = 'ACTIVE'"
                + " ORDER BY next_rotation_at, id LIMIT "
                + limit)) {
      Rows.bind(ps, now);
      return Rows.list(ps, KeyRepository::map);
    }
  }

  /**
   * Claims the periodic rotation of a key due at {@code due}: one conditional UPDATE that moves its
   * due time to {@code next}. Of several nodes claiming the same period, the database lets exactly
   * one change the row (the others find {@code due} gone once the first commits): true for it.
   */
  public boolean claimRotation(Connection c, String keyId, Instant due, Instant next)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ekm_keys SET next_rotation_at = ?"
                + " WHERE id = ? AND next_rotation_at = ? AND state = 'ACTIVE'")) {
      Rows.bind(ps, next, keyId, due);
      return ps.executeUpdate() == 1;
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
        Rows.time(rs, "updated_at"),
        KmsRotation.valueOf(rs.getString("kms_rotation")),
        periodOf(rs),
        Rows.time(rs, "next_rotation_at"));
  }

  private static Object period(Key k) {
    return k.rotationPeriodDays() == null
        ? new Rows.Null(java.sql.Types.INTEGER)
        : k.rotationPeriodDays();
  }

  private static Integer periodOf(ResultSet rs) throws SQLException {
    int days = rs.getInt("rotation_period_days");
    return rs.wasNull() ? null : days;
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
