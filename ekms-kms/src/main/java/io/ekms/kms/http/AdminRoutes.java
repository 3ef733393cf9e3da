package io.ekms.kms.http;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditQuery;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.AdminCredential;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.secret.Redacted;
import io.ekms.kms.auth.Permission;
import io.ekms.kms.auth.PrincipalAdmin;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.KmsAudit;
import io.ekms.kms.service.KmsError;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;
import java.util.Map;

/**
 * The KMS admin API on its own listener, behind the admin token: users, their API keys and
 * per-compartment grants, and the audit log. Every call is audited as the admin's; a refused token
 * is counted in the bounded refusal records.
 */
public final class AdminRoutes {
  private static final String U = "/admin/v1/users/{userId}";
  private final PrincipalAdmin principals;
  private final AuditLog auditLog;
  private final KmsAudit audit;
  private final Exchange<Caller> exchange;

  public AdminRoutes(
      PrincipalAdmin principals,
      AuditLog auditLog,
      KmsAudit audit,
      Refusals refusals,
      AdminCredential credential,
      RequestMetrics metrics) {
    this.principals = principals;
    this.auditLog = auditLog;
    this.audit = audit;
    this.exchange =
        Exchange.builder(
                credential.authenticator(
                    requestId -> new Caller("admin", requestId, Map.of()),
                    () -> KmsError.NOT_AUTHENTICATED.error("A valid admin token is required.")),
                KmsErrorMapper.TABLE)
            .refusals(refusals)
            .metrics(metrics)
            .build();
  }

  record CreateUser(String tenancyId, String name) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record AddKey(String publicKey) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record AddGrant(String compartmentId, String permission) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record ListView<T>(List<T> items) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  public void routing(HttpRouting.Builder r) {
    r.post("/admin/v1/users", route("CreateUser", this::createUser));
    r.get("/admin/v1/users", route("ListUsers", this::listUsers));
    r.get(U, route("GetUser", (q, c) -> new Reply(200, principals.getUser(user(q)))));
    r.post(U + "/apiKeys", route("AddApiKey", this::addKey));
    r.get(U + "/apiKeys", route("ListApiKeys", this::listKeys));
    r.delete(U + "/apiKeys/{fingerprint}", route("RemoveApiKey", this::removeKey));
    r.post(U + "/grants", route("Grant", this::grant));
    r.get(U + "/grants", route("ListGrants", this::listGrants));
    r.delete(U + "/grants/{compartmentId}", route("Revoke", this::revoke));
    r.get("/admin/v1/audit", route("ReadAudit", this::readAudit));
    r.get(
        "/admin/v1/audit/verify",
        route("VerifyAudit", (q, c) -> new Reply(200, auditLog.verify())));
  }

  /** Every admin call is audited as the admin's, whatever its outcome. */
  private io.helidon.webserver.http.Handler route(String operation, Exchange.Route<Caller> route) {
    return exchange.route(
        operation,
        (request, caller) ->
            audit.run(
                caller,
                operation,
                new KmsAudit.Target(null, null, null),
                null,
                () -> route.handle(request, caller)));
  }

  private Reply createUser(Request q, Caller c) {
    var b = q.json(CreateUser.class);
    return new Reply(201, principals.createUser(b.tenancyId(), b.name()));
  }

  private Reply listUsers(Request q, Caller c) {
    return new Reply(200, new ListView<>(principals.listUsers(q.query("tenancyId").orElse(null))));
  }

  private Reply addKey(Request q, Caller c) {
    return new Reply(201, principals.addKey(user(q), q.json(AddKey.class).publicKey()));
  }

  private Reply listKeys(Request q, Caller c) {
    return new Reply(200, new ListView<>(principals.listKeys(user(q))));
  }

  private Reply removeKey(Request q, Caller c) {
    principals.removeKey(user(q), q.path("fingerprint"));
    return new Reply(200, Map.of("removed", true));
  }

  private Reply grant(Request q, Caller c) {
    var b = q.json(AddGrant.class);
    return new Reply(201, principals.grant(user(q), b.compartmentId(), permission(b.permission())));
  }

  private Reply listGrants(Request q, Caller c) {
    return new Reply(200, new ListView<>(principals.listGrants(user(q))));
  }

  private Reply revoke(Request q, Caller c) {
    principals.revoke(user(q), q.path("compartmentId"));
    return new Reply(200, Map.of("revoked", true));
  }

  private Reply readAudit(Request q, Caller c) {
    AuditQuery query =
        AuditQuery.parse(
            q.query("after").orElse(null),
            q.query("limit").orElse(null),
            q.query("requestId").orElse(null),
            KmsError.INVALID_PARAMETER::error);
    return new Reply(200, new ListView<>(query.read(auditLog)));
  }

  private static String user(Request q) {
    return q.path("userId");
  }

  private static Permission permission(String value) {
    try {
      return Permission.valueOf(value == null ? "" : value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw KmsError.INVALID_PARAMETER.error("'permission' must be read, use or manage.");
    }
  }
}
