package io.ekms.kms.http;

import io.ekms.common.secret.Redacted;
import io.ekms.core.admin.AdminAccess;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.AuditQuery;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.core.http.RequestMetrics;
import io.ekms.kms.domain.Permission;
import io.ekms.kms.service.AuditAdmin;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.KmsAudit;
import io.ekms.kms.service.KmsError;
import io.ekms.kms.service.PrincipalAdmin;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;
import java.util.Map;

/**
 * The KMS admin API on its own listener, behind the admin token: users, their API keys and
 * per-compartment grants ({@link PrincipalAdmin}), and the audit log ({@link AuditAdmin}). Every
 * call is audited as the admin's, by its service, or by the exchange when it failed before one ran
 * (a malformed body or parameter); a refused token is counted in the bounded refusal records.
 */
public final class AdminRoutes {
  private static final String U = "/admin/v1/users/{userId}";
  private final PrincipalAdmin principals;
  private final AuditAdmin auditAdmin;
  private final Exchange<Caller> exchange;

  public AdminRoutes(
      PrincipalAdmin principals,
      AuditLog auditLog,
      KmsAudit audit,
      Refusals refusals,
      AdminAccess access,
      RequestMetrics metrics) {
    this.principals = principals;
    this.auditAdmin = new AuditAdmin(auditLog, audit);
    this.exchange =
        Exchange.builder(
                access.authenticator(
                    (admin, requestId) -> new Caller(admin.caller(), requestId, Map.of())),
                KmsErrorMapper.TABLE)
            .operations(access.roles()::knows)
            .holds(access.quorum())
            .refusals(refusals)
            .audit(KmsErrorMapper.audit(audit))
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
    r.post("/admin/v1/users", exchange.route("CreateUser", this::createUser));
    r.get("/admin/v1/users", exchange.route("ListUsers", this::listUsers));
    r.get(U, exchange.route("GetUser", this::getUser));
    r.post(U + "/apiKeys", exchange.route("AddApiKey", this::addKey));
    r.get(U + "/apiKeys", exchange.route("ListApiKeys", this::listKeys));
    r.delete(U + "/apiKeys/{fingerprint}", exchange.route("RemoveApiKey", this::removeKey));
    r.post(U + "/grants", exchange.route("Grant", this::grant));
    r.get(U + "/grants", exchange.route("ListGrants", this::listGrants));
    r.delete(U + "/grants/{compartmentId}", exchange.route("Revoke", this::revoke));
    r.get("/admin/v1/audit", exchange.route("ReadAudit", this::readAudit));
    r.get("/admin/v1/audit/verify", exchange.route("VerifyAudit", this::verifyAudit));
  }

  private Reply createUser(Request q, Caller c) {
    var b = q.json(CreateUser.class);
    return new Reply(201, principals.createUser(c, b.tenancyId(), b.name()));
  }

  private Reply listUsers(Request q, Caller c) {
    return new Reply(
        200, new ListView<>(principals.listUsers(c, q.query("tenancyId").orElse(null))));
  }

  private Reply getUser(Request q, Caller c) {
    return new Reply(200, principals.getUser(c, user(q)));
  }

  private Reply addKey(Request q, Caller c) {
    return new Reply(201, principals.addKey(c, user(q), q.json(AddKey.class).publicKey()));
  }

  private Reply listKeys(Request q, Caller c) {
    return new Reply(200, new ListView<>(principals.listKeys(c, user(q))));
  }

  private Reply removeKey(Request q, Caller c) {
    principals.removeKey(c, user(q), q.path("fingerprint"));
    return new Reply(200, Map.of("removed", true));
  }

  private Reply grant(Request q, Caller c) {
    var b = q.json(AddGrant.class);
    return new Reply(
        201, principals.grant(c, user(q), b.compartmentId(), permission(b.permission())));
  }

  private Reply listGrants(Request q, Caller c) {
    return new Reply(200, new ListView<>(principals.listGrants(c, user(q))));
  }

  private Reply revoke(Request q, Caller c) {
    principals.revoke(c, user(q), q.path("compartmentId"));
    return new Reply(200, Map.of("revoked", true));
  }

  private Reply readAudit(Request q, Caller c) {
    AuditQuery query = AuditQuery.of(q, KmsError.INVALID_PARAMETER::error);
    return new Reply(200, new ListView<>(auditAdmin.read(c, query)));
  }

  private Reply verifyAudit(Request q, Caller c) {
    return new Reply(200, auditAdmin.verify(c));
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
