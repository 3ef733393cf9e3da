package io.ekms.kms.http;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditQuery;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.AdminCredential;
import io.ekms.core.http.Bodies;
import io.ekms.core.http.JsonExchange;
import io.ekms.core.http.JsonExchange.Reply;
import io.ekms.core.http.Peers;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.json.Json;
import io.ekms.core.secret.Redacted;
import io.ekms.kms.domain.Permission;
import io.ekms.kms.service.AuditAdmin;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.KmsAudit;
import io.ekms.kms.service.KmsError;
import io.ekms.kms.service.PrincipalAdmin;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Map;

/**
 * The KMS admin API on its own listener, behind the admin token: users, their API keys and
 * per-compartment grants ({@link PrincipalAdmin}), and the audit log ({@link AuditAdmin}). Every
 * call is audited as the admin's, by its service, or here when it failed before one ran (a
 * malformed body or parameter); a refused token is counted in the bounded refusal records.
 */
public final class AdminRoutes {
  private static final String U = "/admin/v1/users/{userId}";
  private static final KmsAudit.Target NONE = new KmsAudit.Target(null, null, null);
  private final PrincipalAdmin principals;
  private final AuditAdmin auditAdmin;
  private final KmsAudit audit;
  private final Refusals refusals;
  private final AdminCredential credential;
  private final JsonExchange exchange;

  public AdminRoutes(
      PrincipalAdmin principals,
      AuditLog auditLog,
      KmsAudit audit,
      Refusals refusals,
      AdminCredential credential,
      RequestMetrics metrics) {
    this.principals = principals;
    this.auditAdmin = new AuditAdmin(auditLog, audit);
    this.audit = audit;
    this.refusals = refusals;
    this.credential = credential;
    this.exchange = new JsonExchange(metrics, KmsErrorMapper::map);
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
    r.post(
        "/admin/v1/users",
        route(
            "CreateUser",
            (req, caller) -> {
              var b = body(req, CreateUser.class);
              return new Reply(201, principals.createUser(caller, b.tenancyId(), b.name()));
            }));
    r.get(
        "/admin/v1/users",
        route(
            "ListUsers",
            (req, caller) ->
                new Reply(
                    200,
                    new ListView<>(
                        principals.listUsers(
                            caller, req.query().first("tenancyId").orElse(null))))));
    r.get(
        U,
        route("GetUser", (req, caller) -> new Reply(200, principals.getUser(caller, user(req)))));
    r.post(
        U + "/apiKeys",
        route(
            "AddApiKey",
            (req, caller) ->
                new Reply(
                    201,
                    principals.addKey(caller, user(req), body(req, AddKey.class).publicKey()))));
    r.get(
        U + "/apiKeys",
        route(
            "ListApiKeys",
            (req, caller) ->
                new Reply(200, new ListView<>(principals.listKeys(caller, user(req))))));
    r.delete(
        U + "/apiKeys/{fingerprint}",
        route(
            "RemoveApiKey",
            (req, caller) -> {
              principals.removeKey(
                  caller, user(req), req.path().pathParameters().get("fingerprint"));
              return new Reply(200, Map.of("removed", true));
            }));
    r.post(
        U + "/grants",
        route(
            "Grant",
            (req, caller) -> {
              var b = body(req, AddGrant.class);
              return new Reply(
                  201,
                  principals.grant(
                      caller, user(req), b.compartmentId(), permission(b.permission())));
            }));
    r.get(
        U + "/grants",
        route(
            "ListGrants",
            (req, caller) ->
                new Reply(200, new ListView<>(principals.listGrants(caller, user(req))))));
    r.delete(
        U + "/grants/{compartmentId}",
        route(
            "Revoke",
            (req, caller) -> {
              principals.revoke(
                  caller, user(req), req.path().pathParameters().get("compartmentId"));
              return new Reply(200, Map.of("revoked", true));
            }));
    r.get(
        "/admin/v1/audit",
        route(
            "ReadAudit",
            (req, caller) ->
                new Reply(
                    200,
                    new ListView<>(
                        auditAdmin.read(
                            caller,
                            AuditQuery.parse(
                                req.query().first("after").orElse(null),
                                req.query().first("limit").orElse(null),
                                req.query().first("requestId").orElse(null),
                                KmsError.INVALID_PARAMETER::error))))));
    r.get(
        "/admin/v1/audit/verify",
        route("VerifyAudit", (req, caller) -> new Reply(200, auditAdmin.verify(caller))));
  }

  /** An admin handler: the request and its caller, the admin. */
  @FunctionalInterface
  private interface AdminHandler {
    Reply handle(ServerRequest request, Caller caller);
  }

  private io.helidon.webserver.http.Handler route(String operation, AdminHandler handler) {
    return exchange.route(
        operation,
        (req, requestId) -> {
          String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
          if (!credential.accepts(header)) {
            String code = KmsError.NOT_AUTHENTICATED.code();
            refusals.refused(Peers.address(req), operation, code, requestId);
            throw KmsError.NOT_AUTHENTICATED.error("A valid admin token is required.");
          }
          Caller caller = new Caller("admin", requestId, Map.of());
          try {
            return handler.handle(req, caller);
          } catch (RuntimeException e) {
            audit.recordIfPending(caller, operation, NONE, KmsErrorMapper.code(e));
            throw e;
          }
        });
  }

  private static <T> T body(ServerRequest req, Class<T> type) {
    return Json.read(Bodies.read(req, 64 * 1024), type);
  }

  private static String user(ServerRequest req) {
    return req.path().pathParameters().get("userId");
  }

  private static Permission permission(String value) {
    try {
      return Permission.valueOf(value == null ? "" : value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw KmsError.INVALID_PARAMETER.error("'permission' must be read, use or manage.");
    }
  }

  private static long number(ServerRequest req, String name, long fallback) {
    String value = req.query().first(name).orElse(null);
    try {
      long n = value == null ? fallback : Long.parseLong(value);
      if (n >= 0 && n <= Integer.MAX_VALUE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw KmsError.INVALID_PARAMETER.error("'" + name + "' must be a non-negative number.");
  }
}
