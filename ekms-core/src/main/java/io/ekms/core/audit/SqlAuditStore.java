package io.ekms.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.ekms.common.json.Json;
import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The chains as rows of the shared database (migrations {@code db/audit}): {@code audit_log} holds
 * every node's records, {@code audit_node} one row per chain with its format and tail, advanced in
 * the same transaction as the records and only from the tail they were linked to, so a chain never
 * forks however many processes write the database.
 */
final class SqlAuditStore implements AuditStore {
  private static final String COLUMNS =
      "node_id, seq, recorded_at, request_id, caller, operation, vault, key_id, version_id,"
          + " result, details, prev_hash, hash";
  private static final String INSERT =
      "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String NODE =
      "SELECT format, last_seq, last_hash FROM audit_node WHERE node_id = ?";
  private static final String NEW_NODE =
      "INSERT INTO audit_node (node_id, format, last_seq, last_hash) VALUES (?, 2, 0, ?)";
  private static final String ADVANCE =
      "UPDATE audit_node SET last_seq = ?, last_hash = ? WHERE node_id = ? AND last_seq = ?";
  private static final String CHECKPOINT =
      "UPDATE audit_node SET last_seq = ?, last_hash = ? WHERE node_id = ? AND last_seq <= ?";
  private static final String NODES =
      "SELECT node_id, format, last_seq, last_hash FROM audit_node ORDER BY node_id";
  private static final String ORPHANS =
      "SELECT DISTINCT node_id FROM audit_log WHERE node_id NOT IN (SELECT node_id FROM"
          + " audit_node) ORDER BY node_id";
  private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {};

  private final Database database;
  private final int timeoutSeconds;

  /**
   * {@code timeoutSeconds} is the JDBC query timeout of the writer's statements, so a hung
   * statement ends and the writer can retry (PostgreSQL cancels it; H2 ends lock waits by its own
   * lock timeout). Appenders never depend on it: their wait is bounded by the append timeout.
   */
  SqlAuditStore(Database database, int timeoutSeconds) {
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

  @Override
  public AuditChain.Tail open(String node) {
    ensureNode(node);
    return database.withConnection(c -> tail(c, node));
  }

  @Override
  public List<AuditChain.Linked> append(
      String node, AuditChain.Tail known, Function<AuditChain.Tail, List<AuditChain.Linked>> link) {
    return database.inTransaction(
        c -> {
          AuditChain.Tail from = known != null ? known : tail(c, node);
          List<AuditChain.Linked> linked = link.apply(from);
          if (!linked.isEmpty()) {
            insert(c, linked);
            advance(c, node, from, AuditChain.Tail.of(linked.get(linked.size() - 1).entry()));
          }
          return linked;
        });
  }

  @Override
  public void close() {
    // the database belongs to the server
  }

  /** Creates {@code node}'s chain row (format 2, empty) unless it exists. */
  private void ensureNode(String node) {
    database.inTransaction(
        c -> {
          if (chain(c, node) == null) {
            try (PreparedStatement ps = c.prepareStatement(NEW_NODE)) {
              ps.setString(1, node);
              ps.setString(2, AuditChain.GENESIS_HASH);
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  /** The tail of {@code node}'s chain as its row records it. */
  private AuditChain.Tail tail(Connection c, String node) throws SQLException {
    Chain chain = chain(c, node);
    if (chain == null) {
      throw new StoreException("audit chain row of node " + node + " is missing");
    }
    return chain.tail();
  }

  /** Inserts {@code linked} as one JDBC batch; the caller owns the transaction. */
  private void insert(Connection c, List<AuditChain.Linked> linked) throws SQLException {
    if (linked.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      bound(ps);
      for (AuditChain.Linked l : linked) {
        bind(ps, l);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Moves {@code node}'s tail from {@code from} to {@code to} in the caller's transaction.
   *
   * @throws StoreException the tail is no longer {@code from}: another process wrote the chain
   */
  private void advance(Connection c, String node, AuditChain.Tail from, AuditChain.Tail to)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ADVANCE)) {
      bound(ps);
      ps.setLong(1, to.seq());
      ps.setString(2, to.hash());
      ps.setString(3, node);
      ps.setLong(4, from.seq());
      if (ps.executeUpdate() != 1) {
        throw new StoreException(
            "audit chain of node " + node + " moved under this writer: another process writes it");
      }
    }
  }

  /**
   * Moves {@code node}'s row to {@code tail} unless it is already past it: the checkpoint of a
   * chain kept in a file ({@link FileAuditStore}).
   */
  void checkpoint(String node, AuditChain.Tail tail) {
    database.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(CHECKPOINT)) {
            ps.setLong(1, tail.seq());
            ps.setString(2, tail.hash());
            ps.setString(3, node);
            ps.setLong(4, tail.seq());
            return ps.executeUpdate();
          }
        });
  }

  /** Whether {@code node} has records in {@code audit_log}. */
  boolean hasRecords(String node) {
    return !page(node, 0, 1, null).isEmpty();
  }

  /** Deletes {@code node}'s records (its chain row stays). */
  void deleteRecords(String node) {
    database.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM audit_log WHERE node_id = ?")) {
            ps.setString(1, node);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public List<Chain> chains() {
    return database.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(NODES);
              ResultSet rs = ps.executeQuery()) {
            List<Chain> out = new ArrayList<>();
            while (rs.next()) {
              AuditChain.Tail tail = new AuditChain.Tail(rs.getLong(3), rs.getString(4));
              out.add(new Chain(rs.getString(1), rs.getInt(2), tail, tail.seq()));
            }
            return out;
          }
        });
  }

  @Override
  public List<String> orphans() {
    return database.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(ORPHANS);
              ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
              out.add(rs.getString(1));
            }
            return out;
          }
        });
  }

  @Override
  public List<StoredRow> page(String node, long afterSeq, int limit, String requestId) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM audit_log WHERE node_id = ? AND seq > ?"
            + (requestId == null ? "" : " AND request_id = ?")
            + " ORDER BY seq FETCH FIRST ? ROWS ONLY";
    return database.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, node);
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

  private static Chain chain(Connection c, String node) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(NODE)) {
      ps.setString(1, node);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        AuditChain.Tail tail = new AuditChain.Tail(rs.getLong(2), rs.getString(3));
        return new Chain(node, rs.getInt(1), tail, tail.seq());
      }
    }
  }

  private static void bind(PreparedStatement ps, AuditChain.Linked l) throws SQLException {
    AuditEntry e = l.entry();
    AuditRecord r = e.record();
    ps.setString(1, e.node());
    ps.setLong(2, e.seq());
    ps.setLong(3, r.time().toEpochMilli());
    ps.setString(4, r.requestId());
    ps.setString(5, r.caller());
    ps.setString(6, r.operation());
    setNullable(ps, 7, r.vault());
    setNullable(ps, 8, r.key());
    setNullable(ps, 9, r.version());
    ps.setString(10, r.result());
    ps.setString(11, l.details());
    ps.setString(12, e.prevHash());
    ps.setString(13, e.hash());
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
    String node = rs.getString(1);
    long seq = rs.getLong(2);
    try {
      AuditRecord r =
          new AuditRecord(
              Instant.ofEpochMilli(rs.getLong(3)),
              rs.getString(4),
              rs.getString(5),
              rs.getString(6),
              rs.getString(7),
              rs.getString(8),
              rs.getString(9),
              rs.getString(10),
              Json.mapper().readValue(rs.getString(11), DETAILS));
      return new StoredRow(
          seq, new AuditEntry(node, seq, r, rs.getString(12), rs.getString(13)), null);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return new StoredRow(seq, null, "the stored row is not a valid record");
    }
  }
}
