package io.ekms.core.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An administrator's call held until enough others approve it: what it is (operation, method, path
 * and query parameters; its body is kept sealed, never here), who asked, who approved, and where it
 * stands.
 */
public record HeldRequest(
    String id,
    String operation,
    String method,
    Map<String, String> path,
    Map<String, String> query,
    String requesterId,
    String requester,
    int approvalsNeeded,
    List<String> approvers,
    State state,
    Instant createdAt,
    Instant expiresAt,
    Instant decidedAt,
    String outcome) {
  /** Where a held call stands. */
  public enum State {
    /** Waiting for approvals. */
    PENDING,
    /** Approved by enough administrators and running now. */
    APPROVED,
    /** Approved and run; {@code outcome} is its answer's status. */
    EXECUTED,
    /** Approved and run, and refused; {@code outcome} says why. */
    FAILED,
    /** Turned down, by its requester or an approver; it never runs. */
    REJECTED,
    /** Not approved in time; it never runs. */
    EXPIRED
  }

  public HeldRequest {
    path = Map.copyOf(path);
    query = Map.copyOf(query);
    approvers = List.copyOf(approvers);
  }

  /** The state as of {@code now}: a pending request past its expiry is expired, stored or not. */
  public State stateAt(Instant now) {
    return state == State.PENDING && now.isAfter(expiresAt) ? State.EXPIRED : state;
  }
}
