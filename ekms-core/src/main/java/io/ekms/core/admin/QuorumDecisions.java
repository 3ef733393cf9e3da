package io.ekms.core.admin;

import io.ekms.core.error.ApiException;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Approving and rejecting held requests. An approval is counted in one transaction with the
 * request's row locked, so two approvers racing count once each and exactly one of them runs the
 * call; a request past its expiry is marked expired and never runs; the requester cannot approve
 * their own request, and an approver must hold a role allowed to make the call.
 */
public final class QuorumDecisions {
  private final Quorum quorum;

  public QuorumDecisions(Quorum quorum) {
    this.quorum = quorum;
  }

  /** What an approval did: the request as it now stands, and the call's answer if it ran. */
  public record Outcome(HeldRequest request, Reply executed, ApiException refused) {}

  private record Step(HeldRequest request, boolean run, boolean expired) {}

  public Outcome approve(Administrator approver, String id, String requestId) {
    Instant now = quorum.clock().instant();
    Step step =
        quorum
            .db()
            .inTransaction(
                c -> {
                  HeldRequest h = pending(quorum.repo().lock(c, id).orElse(null), id);
                  if (now.isAfter(h.expiresAt())) {
                    quorum.repo().decide(c, id, HeldRequest.State.EXPIRED, now, "expired");
                    return new Step(h, false, true);
                  }
                  checkApprover(approver, h);
                  quorum.repo().approve(c, id, approver, now);
                  boolean run = h.approvers().size() + 1 >= h.approvalsNeeded();
                  if (run) {
                    quorum.repo().decide(c, id, HeldRequest.State.APPROVED, now, null);
                  }
                  return new Step(h, run, false);
                });
    if (step.expired()) {
      quorum.record(requestId, approver.caller(), "ExpireRequest", step.request());
      throw quorum
          .errors()
          .conflict(
              "This request expired at "
                  + step.request().expiresAt()
                  + " without enough approvals; it was not run.");
    }
    quorum.record(requestId, approver.caller(), "ApproveRequest", step.request());
    if (!step.run()) {
      return new Outcome(find(id), null, null);
    }
    return execute(step.request(), requestId);
  }

  /** Turns a pending request down (its requester, or anyone who could approve it). */
  public HeldRequest reject(Administrator who, String id, String requestId) {
    Instant now = quorum.clock().instant();
    HeldRequest h =
        quorum
            .db()
            .inTransaction(
                c -> {
                  HeldRequest held = pending(quorum.repo().lock(c, id).orElse(null), id);
                  if (!who.id().equals(held.requesterId())) {
                    checkApprover(who, held);
                  }
                  quorum
                      .repo()
                      .decide(c, id, HeldRequest.State.REJECTED, now, "rejected by " + who.name());
                  return held;
                });
    quorum.record(requestId, who.caller(), "RejectRequest", h);
    return find(id);
  }

  public HeldRequest find(String id) {
    return quorum
        .db()
        .withConnection(c -> quorum.repo().find(c, id))
        .orElseThrow(() -> quorum.errors().notFound("No held request " + id + "."));
  }

  /** The newest requests, at most {@code limit}, newest first. */
  public List<HeldRequest> recent(int limit) {
    return quorum.db().withConnection(c -> quorum.repo().recent(c, limit));
  }

  private Outcome execute(HeldRequest h, String requestId) {
    Function<Request, Reply> route = quorum.replayOf(h.operation());
    String sealed = quorum.db().withConnection(c -> quorum.repo().sealedBody(c, h.id()));
    byte[] body = sealed.isEmpty() ? new byte[0] : quorum.seal().open(h.id(), sealed);
    Administrator requester =
        new Administrator(h.requesterId(), h.requester(), Set.of(), h.createdAt(), "");
    Request replay =
        Request.replay(
            new Request.Replayed(h.method(), h.path(), h.query(), body),
            requestId,
            h.operation(),
            requester);
    try {
      if (route == null) {
        throw quorum.errors().conflict("This server does not serve " + h.operation() + ".");
      }
      Reply reply = route.apply(replay);
      decide(h, HeldRequest.State.EXECUTED, String.valueOf(reply.status()));
      return new Outcome(find(h.id()), reply, null);
    } catch (ApiException e) {
      decide(h, HeldRequest.State.FAILED, e.status() + " " + e.errorCode().code());
      return new Outcome(find(h.id()), null, e);
    } catch (RuntimeException e) {
      decide(h, HeldRequest.State.FAILED, "500 InternalError");
      throw e;
    }
  }

  private void decide(HeldRequest h, HeldRequest.State state, String outcome) {
    Instant now = quorum.clock().instant();
    quorum
        .db()
        .inTransaction(
            c -> {
              quorum.repo().decide(c, h.id(), state, now, outcome);
              return null;
            });
  }

  private HeldRequest pending(HeldRequest h, String id) {
    if (h == null) {
      throw quorum.errors().notFound("No held request " + id + ".");
    }
    if (h.state() != HeldRequest.State.PENDING) {
      throw quorum
          .errors()
          .conflict("This request is " + h.state().name().toLowerCase() + "; nothing was changed.");
    }
    return h;
  }

  private void checkApprover(Administrator approver, HeldRequest h) {
    if (approver.id().equals(h.requesterId())) {
      throw quorum.errors().forbidden("An administrator cannot approve their own request.");
    }
    if (!quorum.roles().allows(approver, h.operation())) {
      throw quorum.errors().forbidden(quorum.roles().refusal(approver, h.operation()));
    }
    if (h.approvers().contains(approver.name())) {
      throw quorum.errors().conflict("'" + approver.name() + "' approved this request already.");
    }
  }
}
