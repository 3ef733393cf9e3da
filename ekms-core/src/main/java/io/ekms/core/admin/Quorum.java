package io.ekms.core.admin;

import io.ekms.core.audit.AuditMark;
import io.ekms.core.audit.AuditSubject;
import io.ekms.core.audit.AuditTrail;
import io.ekms.core.audit.AuditUnavailableException;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.http.Holds;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * M-of-N approval of an admin API's sensitive calls. A covered call of a named administrator is not
 * run: it is kept (its body sealed) and answered 202 with the held request. It runs when {@code
 * approvals} other administrators, each allowed to make that call themselves, have approved it
 * ({@link QuorumDecisions}); it never runs once rejected or past its expiry. Every step is audited.
 * The kill switch (disable a key, block a vault) is never covered: it must not wait.
 */
public final class Quorum implements Holds {
  /** Calls a quorum may never hold: pulling the plug is one person's. */
  public static final Set<String> NEVER_HELD =
      Set.of("disableKey", "BlockVault", "disableKeyVersion");

  private final Database db;
  private final Clock clock;
  private final QuorumSettings settings;
  private final AdminErrors errors;
  private final RoleTable roles;
  private final AuditTrail audit;
  private final RequestSeal seal;
  private final HeldRequestRepository repo = new HeldRequestRepository();
  private final Map<String, Function<Request, Reply>> replays = new ConcurrentHashMap<>();

  public Quorum(
      Database db,
      Clock clock,
      QuorumSettings settings,
      RoleTable roles,
      AdminErrors errors,
      AuditTrail audit,
      RequestSeal seal) {
    for (String op : settings.operations() == null ? List.<String>of() : settings.operations()) {
      if (!roles.knows(op) || NEVER_HELD.contains(op)) {
        throw new IllegalArgumentException(
            "quorum.operations names " + op + ", which is not an admin operation a quorum holds");
      }
    }
    this.db = db;
    this.clock = clock;
    this.settings = settings;
    this.errors = errors;
    this.roles = roles;
    this.audit = audit;
    this.seal = seal;
  }

  public QuorumSettings settings() {
    return settings;
  }

  /** True when calls to {@code operation} wait for approval. */
  public boolean covers(String operation) {
    return settings.approvals() > 0
        && settings.operations() != null
        && settings.operations().contains(operation);
  }

  @Override
  public void register(String operation, Function<Request, Reply> replay) {
    replays.put(operation, replay);
  }

  Function<Request, Reply> replayOf(String operation) {
    return replays.get(operation);
  }

  @Override
  public Reply hold(Request request) {
    Object who = request.principal();
    if (request.isReplay()
        || !covers(request.operation())
        || !(who instanceof Administrator admin)
        || admin.bootstrap()
        || stillEnrolling(request.operation(), admin)) {
      return null;
    }
    Request.Replayed kept = request.keep();
    String id = newId();
    HeldRequest held =
        keep(
            id,
            request.operation(),
            kept.method(),
            kept.pathParameters(),
            kept.query(),
            admin.id(),
            admin.name(),
            kept.body(),
            request.requestId(),
            admin.caller());
    return new Reply(202, HeldRequestView.of(held, held.createdAt()));
  }

  /**
   * Holds a call that is not an administrator's, such as a rotation a KMS asked for: {@code
   * requester} names who asked (e.g. {@code client:kms}), {@code path} what it touches. It runs,
   * once approved, through the function registered for {@code operation}, which reads the held
   * request's id from the query parameter {@code pendingRequestId}. Returns the held request's id.
   */
  public String holdOnBehalf(
      String operation, Map<String, String> path, String requester, String requestId) {
    if (settings.approvals() == 0) {
      throw errors.conflict("No quorum is configured on this server.");
    }
    String id = newId();
    keep(
        id,
        operation,
        "POST",
        path,
        Map.of("pendingRequestId", id),
        requester,
        requester,
        new byte[0],
        requestId,
        requester);
    return id;
  }

  private static String newId() {
    return "req-" + Randoms.hex(16);
  }

  /**
   * Keeps a new pending request (its body sealed, none when empty) and records that it is held,
   * under {@code caller}; the request as kept.
   */
  private HeldRequest keep(
      String id,
      String operation,
      String method,
      Map<String, String> path,
      Map<String, String> query,
      String requesterId,
      String requester,
      byte[] body,
      String requestId,
      String caller) {
    Instant now = clock.instant();
    HeldRequest held =
        new HeldRequest(
            id,
            operation,
            method,
            path,
            query,
            requesterId,
            requester,
            settings.approvals(),
            List.of(),
            HeldRequest.State.PENDING,
            now,
            now.plus(Duration.ofHours(settings.expiryHours())),
            null,
            null);
    String sealed = body.length == 0 ? "" : seal.seal(id, body);
    db.inTransaction(
        c -> {
          repo.insert(c, held, sealed);
          return null;
        });
    record(requestId, caller, "HoldForApproval", held);
    return held;
  }

  /**
   * True while enrolling cannot wait for approvals yet: fewer administrators besides the requester
   * may approve an enrolment (security officers) than a request needs, so it runs at once. Only
   * enrolment: every other covered call waits, however few could approve it.
   */
  private boolean stillEnrolling(String operation, Administrator requester) {
    if (!RoleTable.CREATE_ADMINISTRATOR.equals(operation)) {
      return false;
    }
    long approvers =
        db.withConnection(new AdminRepository()::list).stream()
            .filter(a -> !a.id().equals(requester.id()) && roles.allows(a, operation))
            .count();
    return approvers < settings.approvals();
  }

  /** Appends one record of a quorum step, naming the held request and its operation. */
  void record(String requestId, String caller, String step, HeldRequest held) {
    Map<String, String> details =
        Map.of("pendingRequestId", held.id(), "heldOperation", held.operation());
    try {
      audit.record(
          new AuditSubject(requestId, caller, new AuditMark(), details),
          step,
          new AuditTrail.Target(
              held.path().get("vaultId"), held.path().get("keyId"), held.path().get("versionId")),
          AuditTrail.OK,
          Map.of());
    } catch (AuditUnavailableException e) {
      throw errors.auditUnavailable();
    }
  }

  Database db() {
    return db;
  }

  Clock clock() {
    return clock;
  }

  RoleTable roles() {
    return roles;
  }

  AdminErrors errors() {
    return errors;
  }

  HeldRequestRepository repo() {
    return repo;
  }

  RequestSeal seal() {
    return seal;
  }
}
