package io.ekms.ekm.http;

import io.ekms.core.admin.AdminAccess;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.RequestMetrics;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.CallContext;

/**
 * The exchange of the EKM's admin APIs (keys and vaults, XKS key stores): the administrator's token
 * and roles ({@link AdminAccess}), a refused token counted in the bounded refusal records, and an
 * admitted call that fails before its service recorded it (a malformed body or id) recorded with
 * the code it is answered.
 */
final class AdminGate {
  private AdminGate() {}

  static Exchange<CallContext> exchange(
      AdminAccess access,
      Refusals refusals,
      AuditTrail audit,
      RequestMetrics metrics,
      int maxBody) {
    return Exchange.builder(
            access.authenticator(
                (admin, requestId) -> CallContext.admin(requestId, admin.caller())),
            ErrorMapper.TABLE)
        .operations(access.roles()::knows)
        .holds(access.quorum())
        .refusals(refusals)
        .audit(
            (ctx, operation, request, code) ->
                audit.recordIfPending(
                    ctx,
                    operation,
                    new AuditTrail.Target(
                        request.path("vaultId"), request.path("keyId"), request.path("versionId")),
                    code))
        .metrics(metrics)
        .maxBody(maxBody)
        .build();
  }
}
