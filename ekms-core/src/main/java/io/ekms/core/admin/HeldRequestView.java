package io.ekms.core.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A held request as the admin API answers it; its body is never shown. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HeldRequestView(
    String pendingRequestId,
    String operation,
    String method,
    Map<String, String> path,
    Map<String, String> query,
    String requester,
    int approvalsNeeded,
    List<String> approvers,
    String state,
    String createdAt,
    String expiresAt,
    String decidedAt,
    String outcome) {
  /** The request as of {@code now} (a pending one past its expiry shows EXPIRED). */
  public static HeldRequestView of(HeldRequest h, Instant now) {
    return new HeldRequestView(
        h.id(),
        h.operation(),
        h.method(),
        h.path(),
        h.query(),
        h.requester(),
        h.approvalsNeeded(),
        h.approvers(),
        h.stateAt(now).name(),
        h.createdAt().toString(),
        h.expiresAt().toString(),
        h.decidedAt() == null ? null : h.decidedAt().toString(),
        h.outcome());
  }
}
