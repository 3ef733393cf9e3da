package io.ekms.ekm.http;

import io.ekms.core.audit.Refusals;
import io.ekms.core.http.AdminCredential;
import io.ekms.core.http.JsonExchange;
import io.ekms.core.http.JsonExchange.Reply;
import io.ekms.core.http.Peers;
import io.ekms.core.http.RequestMetrics;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.EkmError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The door of the EKM's admin APIs (keys and vaults, XKS key stores): the admin token, checked in
 * constant time; a refused token only counts in the bounded refusal records; an admitted call that
 * fails before its service recorded it (a malformed body or id) is recorded here with the code it
 * is answered.
 */
final class AdminGate {
  /** An admin handler, given the request and the authenticated admin call context. */
  @FunctionalInterface
  interface AdminHandler {
    Reply handle(ServerRequest request, CallContext ctx);
  }

  private final AdminCredential credential;
  private final Refusals refusals;
  private final AuditTrail audit;
  private final JsonExchange exchange;

  AdminGate(
      AdminCredential credential, Refusals refusals, AuditTrail audit, RequestMetrics metrics) {
    this.credential = credential;
    this.refusals = refusals;
    this.audit = audit;
    this.exchange = new JsonExchange(metrics, ErrorMapper::map);
  }

  io.helidon.webserver.http.Handler route(String operation, AdminHandler handler) {
    return exchange.route(
        operation,
        (req, requestId) -> {
          if (!credential.accepts(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null))) {
            refusals.refused(
                Peers.address(req), operation, EkmError.ADMIN_UNAUTHORIZED.code(), requestId);
            throw EkmError.ADMIN_UNAUTHORIZED.error("A valid admin token is required.");
          }
          CallContext ctx = CallContext.admin(requestId);
          try {
            return handler.handle(req, ctx);
          } catch (RuntimeException e) {
            AuditTrail.Target target =
                new AuditTrail.Target(
                    PathIds.raw(req, "vaultId"),
                    PathIds.raw(req, "keyId"),
                    PathIds.raw(req, "versionId"));
            audit.recordIfPending(ctx, operation, target, ErrorMapper.code(e));
            throw e;
          }
        });
  }
}
