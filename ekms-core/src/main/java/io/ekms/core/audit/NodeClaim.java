package io.ekms.core.audit;

import com.zaxxer.hikari.HikariDataSource;
import io.ekms.common.config.Misconfiguration;
import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim that makes one live process the writer of a node's chain. A second {@link AuditLog}
 * claiming a node id that a live one holds is refused at start with a {@link Misconfiguration},
 * rather than left to fight over the chain.
 *
 * <ul>
 *   <li>Within a JVM (the only case for an embedded H2 file, which one process opens at a time): a
 *       registry of claimed (database URL, node id) pairs.
 *   <li>On PostgreSQL, across processes and hosts: a session advisory lock keyed by the node id,
 *       held on a connection taken from the pool for the log's life. It goes with the session, so a
 *       killed process frees its node as soon as the server sees its connection close (a start
 *       waits up to {@link #WAIT} for that), and a restart is not kept waiting for a lease to run
 *       out. A process that is cut off from the server but not dead (the server has not yet noticed
 *       the session end) keeps the node until TCP keepalive ends the session.
 * </ul>
 *
 * <p>The claim keeps honest processes apart; it is not what keeps the chain linear. Each batch
 * advances the node's row in {@code audit_node} only from the tail it linked to, inside the batch's
 * transaction, and the {@code (node_id, seq)} key refuses a second record at a seq; so even a
 * writer that lost its claim (its lock connection dropped) fails its batches instead of forking the
 * chain.
 */
final class NodeClaim implements AutoCloseable {
  /** How long a start waits for the node's lock before it is refused. */
  static final Duration WAIT = Duration.ofSeconds(3);

  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final Set<String> CLAIMED_IN_JVM = ConcurrentHashMap.newKeySet();

  private final Database database;
  private final String key;
  private final Connection lockHolder;
  private final long lockKey;

  private NodeClaim(Database database, String key, Connection lockHolder, long lockKey) {
    this.database = database;
    this.key = key;
    this.lockHolder = lockHolder;
    this.lockKey = lockKey;
  }

  /**
   * Claims {@code node} of {@code database}.
   *
   * @throws Misconfiguration a live process (this one included) already writes the node's chain
   * @throws StoreException the database failed
   */
  static NodeClaim acquire(Database database, String node) {
    String url = database.withConnection(c -> c.getMetaData().getURL());
    String key = url + "\n" + node;
    if (!CLAIMED_IN_JVM.add(key)) {
      throw claimed(node);
    }
    if (!database.isPostgres()) {
      return new NodeClaim(database, key, null, 0);
    }
    Connection c = null;
    try {
      c = database.dataSource().getConnection();
      long lockKey = lockKey(node);
      if (!waitForLock(c, lockKey)) {
        throw claimed(node);
      }
      return new NodeClaim(database, key, c, lockKey);
    } catch (SQLException | RuntimeException e) {
      CLAIMED_IN_JVM.remove(key);
      if (c != null) {
        evict(database, c);
      }
      throw e instanceof SQLException sql ? new StoreException(sql) : (RuntimeException) e;
    }
  }

  /**
   * Frees the node: unlocks at once, then closes the lock's connection for good (the pool closes it
   * in the background), so no session lock can linger in the pool.
   */
  @Override
  public void close() {
    if (lockHolder != null) {
      try {
        lock(lockHolder, "SELECT pg_advisory_unlock(?)", lockKey);
      } catch (SQLException e) {
        // the eviction below ends the session, and its locks with it
      }
      evict(database, lockHolder);
    }
    CLAIMED_IN_JVM.remove(key);
  }

  /** The advisory lock key of a node: the first 8 bytes of SHA-256 of a prefixed node id. */
  static long lockKey(String node) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("ekms-audit-node\n" + node).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  /**
   * Takes the lock, waiting up to {@link #WAIT} for it: a process that just died (or stopped) may
   * hold it for a moment, until the server has noticed its session end. False when a live session
   * keeps it.
   */
  private static boolean waitForLock(Connection c, long lockKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', ?, false)")) {
      ps.setString(1, WAIT.toMillis() + "ms");
      ps.executeQuery().close();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
      ps.setLong(1, lockKey);
      ps.executeQuery().close(); // returns void; it either took the lock or threw
      return true;
    } catch (SQLException e) {
      if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  private static boolean lock(Connection c, String sql, long lockKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, lockKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private static Misconfiguration claimed(String node) {
    return new Misconfiguration(
        "audit node '"
            + node
            + "' is already written by a live process on this database; give every process its"
            + " own audit.nodeId.");
  }

  /** Closes the connection physically, not back into the pool, so no session lock lingers. */
  private static void evict(Database database, Connection c) {
    if (database.dataSource() instanceof HikariDataSource pool) {
      pool.evictConnection(c);
    }
    try {
      c.close();
    } catch (SQLException e) {
      // closing is best effort; the server ends the session when the socket goes
    }
  }
}
