package io.ekms.core.admin;

import io.ekms.common.json.Json;
import io.ekms.core.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code admin_requests} and {@code admin_request_approvals} tables. */
final class HeldRequestRepository {
  private static final String COLUMNS =
      "id, operation, method, target, requester_id, requester, approvals_needed, state,"
          + " created_at, expires_at, decided_at, outcome";

  /** The path and query parameters of a held call, as stored in {@code target}. */
  record Target(Map<String, String> path, Map<String, String> query) {}

  void insert(Connection c, HeldRequest h, String sealedBody) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO admin_requests (id, operation, method, target, sealed_body,"
                + " requester_id, requester, approvals_needed, state, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Rows.bind(
          ps,
          h.id(),
          h.operation(),
          h.method(),
          Json.writeString(new Target(h.path(), h.query())),
          sealedBody,
          h.requesterId(),
          h.requester(),
          h.approvalsNeeded(),
          h.state().name(),
          h.createdAt().toEpochMilli(),
          h.expiresAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** The request, its row locked until the transaction ends. */
  Optional<HeldRequest> lock(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM admin_requests WHERE id = ? FOR UPDATE")) {
      Rows.bind(ps, id);
      Optional<HeldRequest> row = Rows.one(ps, rs -> map(rs, List.of()));
      return row.isEmpty() ? row : Optional.of(withApprovers(c, row.get()));
    }
  }

  Optional<HeldRequest> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM admin_requests WHERE id = ?")) {
      Rows.bind(ps, id);
      Optional<HeldRequest> row = Rows.one(ps, rs -> map(rs, List.of()));
      return row.isEmpty() ? row : Optional.of(withApprovers(c, row.get()));
    }
  }

  /** The newest {@code limit} requests, newest first. */
  List<HeldRequest> recent(Connection c, int limit) throws SQLException {
    List<HeldRequest> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM admin_requests ORDER BY created_at DESC, id LIMIT ?")) {
      Rows.bind(ps, limit);
      for (HeldRequest h : Rows.list(ps, rs -> map(rs, List.of()))) {
        out.add(withApprovers(c, h));
      }
    }
    return out;
  }

  String sealedBody(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT sealed_body FROM admin_requests WHERE id = ?")) {
      Rows.bind(ps, id);
      return Rows.one(ps, rs -> rs.getString(1)).orElse("");
    }
  }

  void approve(Connection c, String id, Administrator approver, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO admin_request_approvals (request_id, approver_id, approver, approved_at)"
                + " VALUES (?, ?, ?, ?)")) {
      Rows.bind(ps, id, approver.id(), approver.name(), at.toEpochMilli());
      ps.executeUpdate();
    }
  }

  void decide(Connection c, String id, HeldRequest.State state, Instant at, String outcome)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE admin_requests SET state = ?, decided_at = ?, outcome = ? WHERE id = ?")) {
      Rows.bind(
          ps, state.name(), at.toEpochMilli(), outcome == null ? Rows.NULL_VARCHAR : outcome, id);
      ps.executeUpdate();
    }
  }

  private HeldRequest withApprovers(Connection c, HeldRequest h) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT approver FROM admin_request_approvals WHERE request_id = ?"
                + " ORDER BY approved_at, approver")) {
      Rows.bind(ps, h.id());
      List<String> approvers = Rows.list(ps, rs -> rs.getString(1));
      return new HeldRequest(
          h.id(),
          h.operation(),
          h.method(),
          h.path(),
          h.query(),
          h.requesterId(),
          h.requester(),
          h.approvalsNeeded(),
          approvers,
          h.state(),
          h.createdAt(),
          h.expiresAt(),
          h.decidedAt(),
          h.outcome());
    }
  }

  private static HeldRequest map(ResultSet rs, List<String> approvers) throws SQLException {
    Target target =
        Json.read(rs.getString(4).getBytes(java.nio.charset.StandardCharsets.UTF_8), Target.class);
    long decided = rs.getLong(11);
    return new HeldRequest(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        target.path(),
        target.query(),
        rs.getString(5),
        rs.getString(6),
        rs.getInt(7),
        approvers,
        HeldRequest.State.valueOf(rs.getString(8)),
        Instant.ofEpochMilli(rs.getLong(9)),
        Instant.ofEpochMilli(rs.getLong(10)),
        rs.wasNull() || decided == 0 ? null : Instant.ofEpochMilli(decided),
        rs.getString(12));
  }
}
