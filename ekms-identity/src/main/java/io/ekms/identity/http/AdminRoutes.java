package io.ekms.identity.http;

import io.ekms.core.audit.Refusals;
import io.ekms.core.http.AdminCredential;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.core.http.RequestMetrics;
import io.ekms.identity.domain.Ids;
import io.ekms.identity.http.AdminViews.ClientView;
import io.ekms.identity.http.AdminViews.CreateClient;
import io.ekms.identity.http.AdminViews.ListView;
import io.ekms.identity.http.AdminViews.RotateSecret;
import io.ekms.identity.http.AdminViews.SigningKeyView;
import io.ekms.identity.service.AdminError;
import io.ekms.identity.service.AuditTrail;
import io.ekms.identity.service.CallContext;
import io.ekms.identity.service.ClientAdmin;
import io.ekms.identity.service.KeyAdmin;
import io.helidon.webserver.http.HttpRouting;

/**
 * The identity admin API under {@value #BASE}, behind the admin credential: clients (create, list,
 * get, delete) and signing keys (list, rotate). A refused credential is counted in the bounded
 * refusal records.
 */
public final class AdminRoutes {
  public static final String BASE = "/admin/v1/identity";
  private static final String CLIENT = BASE + "/clients/{clientId}";

  /** How long a rotated secret keeps working when the request does not say: a day. */
  static final long DEFAULT_GRACE = 24 * 3600;

  private static final int MAX_BODY = 64 * 1024;

  private final ClientAdmin clients;
  private final KeyAdmin keys;
  private final io.ekms.core.audit.AuditLog auditLog;
  private final Exchange<CallContext> exchange;

  public AdminRoutes(
      ClientAdmin clients,
      KeyAdmin keys,
      io.ekms.core.audit.AuditLog auditLog,
      AdminCredential credential,
      AuditTrail audit,
      Refusals refusals,
      RequestMetrics metrics) {
    this.clients = clients;
    this.keys = keys;
    this.auditLog = auditLog;
    this.exchange =
        Exchange.builder(
                credential.authenticator(
                    CallContext::admin,
                    () -> AdminError.ADMIN_UNAUTHORIZED.error("A valid admin token is required.")),
                ErrorMapper.ADMIN)
            .refusals(refusals)
            .audit((ctx, operation, request, code) -> audit.recordIfPending(ctx, operation, code))
            .metrics(metrics)
            .maxBody(MAX_BODY)
            .build();
  }

  public void routing(HttpRouting.Builder r) {
    r.post(
        BASE + "/clients",
        route(
            "CreateClient",
            (req, ctx) -> {
              CreateClient b = req.json(CreateClient.class);
              return new Reply(
                  201,
                  ClientView.created(
                      clients.create(ctx, b.name(), b.audiences(), b.scopes(), b.email())));
            }));
    r.get(
        BASE + "/clients",
        route(
            "ListClients",
            (req, ctx) ->
                new Reply(
                    200, new ListView<>(clients.list(ctx).stream().map(ClientView::of).toList()))));
    r.get(
        CLIENT,
        route("GetClient", (req, ctx) -> new Reply(200, ClientView.of(clients.get(ctx, id(req))))));
    r.post(
        CLIENT + "/rotate-secret",
        route(
            "RotateClientSecret",
            (req, ctx) -> {
              RotateSecret b = req.body().length == 0 ? null : req.json(RotateSecret.class);
              long grace = b == null || b.graceSeconds() == null ? DEFAULT_GRACE : b.graceSeconds();
              return new Reply(
                  200,
                  ClientView.created(
                      clients.rotateSecret(ctx, id(req), java.time.Duration.ofSeconds(grace))));
            }));
    r.delete(
        CLIENT,
        route(
            "DeleteClient",
            (req, ctx) -> {
              clients.delete(ctx, id(req));
              return new Reply(204, null);
            }));
    r.get(
        BASE + "/audit",
        route(
            "ReadAudit",
            (req, ctx) ->
                new Reply(
                    200,
                    new ListView<>(
                        io.ekms.core.http.AuditQuery.of(req, AdminError.INVALID_REQUEST::error)
                            .read(auditLog)))));
    r.get(
        BASE + "/audit/verify",
        route("VerifyAudit", (req, ctx) -> new Reply(200, auditLog.verify())));
    r.get(
        BASE + "/signing-keys",
        route(
            "ListSigningKeys",
            (req, ctx) ->
                new Reply(
                    200,
                    new ListView<>(keys.list(ctx).stream().map(SigningKeyView::of).toList()))));
    r.post(
        BASE + "/signing-keys/rotate",
        route(
            "RotateSigningKey", (req, ctx) -> new Reply(201, SigningKeyView.of(keys.rotate(ctx)))));
  }

  private io.helidon.webserver.http.Handler route(
      String operation, Exchange.Route<CallContext> handler) {
    return exchange.route(operation, handler);
  }

  /** The client id of the path; a 400 when it cannot be one. */
  private static String id(Request req) {
    String id = req.path("clientId");
    if (!Ids.wellFormedClient(id)) {
      throw AdminError.INVALID_REQUEST.error("'clientId' in the path is not a client id.");
    }
    return id;
  }
}
