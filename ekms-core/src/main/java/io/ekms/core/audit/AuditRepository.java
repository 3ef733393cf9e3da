package io.ekms.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.ekms.common.json.Json;
import io.ekms.core.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** JDBC access to {@code audit_log} (migration {@code db/audit/V1000__audit_log.sql}). */
final class AuditRepository {
  private static final String COLUMNS =
      "seq, recorded_at, request_id, caller, operation, vault, key_id, version_id, result,"
          + " details, prev_hash, hash";
  private static final String INSERT =
      "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String TAIL =
      "SELECT seq, hash FROM audit_log ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY";
  private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {};

  private final Database database;
  private final int timeoutSeconds;

  /**
   * {@code timeoutSeconds} is the JDBC query timeout of the writer's statements, so a hung
   * statement ends and the writer can retry (PostgreSQL cancels it; H2 ends lock waits by its own
   * lock timeout). Appenders never depend on it: their wait is bounded by the append timeout.
   */
  AuditRepository(Database database, int timeoutSeconds) {
    this.database = database;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Sets the query timeout on PostgreSQL only. H2 implements it as a session setting whose change
   * counts as a schema change, which empties every session's parsed-statement cache: set per batch,
   * it made every request of the process re-parse its SQL. H2 ends lock waits by its lock timeout.
   */
  private void bound(PreparedStatement ps) throws SQLException {
    if (database.isPostgres()) {
      ps.setQueryTimeout(timeoutSeconds);
    }
  }

  Database database() {
    return database;
  }

  AuditChain.Tail tail(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(TAIL)) {
      bound(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? new AuditChain.Tail(rs.getLong(1), rs.getString(2))
            : AuditChain.Tail.EMPTY;
      }
    }
  }

  /** Inserts {@code entries} as one JDBC batch; the caller owns the transaction. */
  void insert(Connection c, List<AuditEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      bound(ps);
      for (AuditEntry e : entries) {
        bind(ps, e);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Up to {@code limit} rows after {@code afterSeq} in seq order, optionally of one request. */
  List<StoredRow> page(long afterSeq, int limit, String requestId) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM audit_log WHERE seq > ?"
            + (requestId == null ? "" : " AND request_id = ?")
            + " ORDER BY seq FETCH FIRST ? ROWS ONLY";
    return database.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, afterSeq);
            if (requestId != null) {
              ps.setString(i++, requestId);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
              List<StoredRow> rows = new ArrayList<>();
              while (rs.next()) {
                rows.add(decode(rs));
              }
              return rows;
            }
          }
        });
  }

  private static void bind(PreparedStatement ps, AuditEntry e) throws SQLException {
    AuditRecord r = e.record();
    ps.setLong(1, e.seq());
    ps.setLong(2, r.time().toEpochMilli());
    ps.setString(3, r.requestId());
    ps.setString(4, r.caller());
    ps.setString(5, r.operation());
    setNullable(ps, 6, r.vault());
    setNullable(ps, 7, r.key());
    setNullable(ps, 8, r.version());
    ps.setString(9, r.result());
    ps.setString(10, AuditChain.details(r.details()));
    ps.setString(11, e.prevHash());
    ps.setString(12, e.hash());
  }

  private static void setNullable(PreparedStatement ps, int index, String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  /** A row that no longer makes a valid record was tampered with: report it, do not throw. */
  private static StoredRow decode(ResultSet rs) throws SQLException {
    long seq = rs.getLong(1);
    try {
      AuditRecord r =
          new AuditRecord(
              Instant.ofEpochMilli(rs.getLong(2)),
              rs.getString(3),
              rs.getString(4),
              rs.getString(5),
              rs.getString(6),
              rs.getString(7),
              rs.getString(8),
              rs.getString(9),
              Json.mapper().readValue(rs.getString(10), DETAILS));
      return new StoredRow(seq, new AuditEntry(seq, r, rs.getString(11), rs.getString(12)), null);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return new StoredRow(seq, null, "the stored row is not a valid record");
    }
  }

  /** One row as read: {@code entry} when it decodes, otherwise {@code defect} says why not. */
  record StoredRow(long seq, AuditEntry entry, String defect) {}
}
