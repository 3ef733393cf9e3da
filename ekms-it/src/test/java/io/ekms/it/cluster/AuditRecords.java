package io.ekms.it.cluster;

import io.ekms.stack.ClusterDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The durable audit records of a cluster, read from its database: what the KMS nodes answered and
 * whether the EKM nodes recorded the calls behind those answers (by the request id the KMS passes
 * on).
 */
final class AuditRecords {
  private final ClusterDatabase db;

  AuditRecords(ClusterDatabase db) {
    this.db = db;
  }

  /** Request ids of every successful Encrypt and Decrypt the KMS nodes recorded. */
  List<String> kmsSucceededCrypto() throws SQLException {
    return requestIds(
        ClusterDatabase.KMS_SCHEMA,
        "SELECT request_id FROM audit_log WHERE operation IN ('Encrypt', 'Decrypt')"
            + " AND result = 'OK'");
  }

  /** Those of {@code requestIds} without a successful record in any EKM node's chain. */
  List<String> withoutEkmRecord(List<String> requestIds) throws SQLException {
    Set<String> ekm =
        new HashSet<>(
            requestIds(
                ClusterDatabase.EKM_SCHEMA,
                "SELECT request_id FROM audit_log WHERE result = 'OK'"));
    return requestIds.stream().filter(id -> !ekm.contains(id)).toList();
  }

  private List<String> requestIds(String schema, String sql) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(db.schemaUrl(schema), db.username(), (String) null);
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }
}
