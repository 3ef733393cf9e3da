package io.ekms.identity.http;

import io.ekms.core.audit.Refusals;
import io.ekms.core.http.AdminCredential;
import io.ekms.core.http.Bodies;
import io.ekms.core.http.Peers;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.json.Json;
import io.ekms.identity.domain.Ids;
import io.ekms.identity.http.AdminViews.ClientView;
import io.ekms.identity.http.AdminViews.CreateClient;
import io.ekms.identity.http.AdminViews.ListView;
import io.ekms.identity.http.AdminViews.SigningKeyView;
import io.ekms.identity.http.Exchange.Reply;
import io.ekms.identity.service.AdminError;
import io.ekms.identity.service.AuditTrail;
import io.ekms.identity.service.CallContext;
import io.ekms.identity.service.ClientAdmin;
import io.ekms.identity.service.KeyAdmin;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;

/**
 * The identity admin API under {@value #BASE}, behind the admin credential: clients (create, list,
 * get, delete) and signing keys (list, rotate). A refused credential is counted in the bounded
 * refusal records.
 */
public final class AdminRoutes {
  public static final String BASE = "/admin/v1/identity";
  private static final String CLIENT = BASE + "/clients/{clientId}";
  private static final int MAX_BODY = 64 * 1024;

  private final ClientAdmin clients;
  private final KeyAdmin keys;
  private final AdminCredential credential;
  private final AuditTrail audit;
  private final Refusals refusals;
  private final Exchange exchange;

  public AdminRoutes(
      ClientAdmin clients,
      KeyAdmin keys,
      AdminCredential credential,
      AuditTrail audit,
      Refusals refusals,
      RequestMetrics metrics) {
    this.clients = clients;
    this.keys = keys;
    this.credential = credential;
    this.audit = audit;
    this.refusals = refusals;
    this.exchange = new Exchange(metrics, ErrorMapper::admin, ErrorMapper::writeAdmin, List.of());
  }

  public void routing(HttpRouting.Builder r) {
    r.post(
        BASE + "/clients",
        route(
            "CreateClient",
            (req, ctx) -> {
              CreateClient b = Json.read(Bodies.read(req, MAX_BODY), CreateClient.class);
              return new Reply(
                  201,
                  ClientView.created(clients.create(ctx, b.name(), b.audiences(), b.scopes())));
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
    r.delete(
        CLIENT,
        route(
            "DeleteClient",
            (req, ctx) -> {
              clients.delete(ctx, id(req));
              return new Reply(204, null);
            }));
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

  /** An admin handler, given the request and the authenticated admin call context. */
  @FunctionalInterface
  private interface AdminHandler {
    Reply handle(ServerRequest request, CallContext ctx);
  }

  private io.helidon.webserver.http.Handler route(String operation, AdminHandler handler) {
    return exchange.route(
        operation,
        (req, requestId) -> {
          if (!credential.accepts(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null))) {
            String code = AdminError.ADMIN_UNAUTHORIZED.code();
            refusals.refused(Peers.address(req), operation, code, requestId);
            throw AdminError.ADMIN_UNAUTHORIZED.error("A valid admin token is required.");
          }
          CallContext ctx = CallContext.admin(requestId);
          try {
            return handler.handle(req, ctx);
          } catch (RuntimeException e) {
            audit.recordIfPending(ctx, operation, ErrorMapper.adminCode(e));
            throw e;
          }
        });
  }

  /** The client id of the path; a 400 when it cannot be one. */
  private static String id(ServerRequest req) {
    String id = req.path().pathParameters().get("clientId");
    if (!Ids.wellFormedClient(id)) {
      throw AdminError.INVALID_REQUEST.error("'clientId' in the path is not a client id.");
    }
    return id;
  }
}
