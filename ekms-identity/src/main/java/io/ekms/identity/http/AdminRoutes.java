package io.ekms.identity.http;

import io.ekms.core.http.AdminCredential;
import io.ekms.core.http.Bodies;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.json.Json;
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
import java.util.Map;

/**
 * The identity admin API under {@value #BASE}, behind the admin credential: clients (create, list,
 * get, delete) and signing keys (list, rotate). A refused credential is audited too.
 */
public final class AdminRoutes {
  public static final String BASE = "/admin/v1/identity";
  private static final String CLIENT = BASE + "/clients/{clientId}";
  private static final int MAX_BODY = 64 * 1024;

  private final ClientAdmin clients;
  private final KeyAdmin keys;
  private final AdminCredential credential;
  private final AuditTrail audit;
  private final Exchange exchange;

  public AdminRoutes(
      ClientAdmin clients,
      KeyAdmin keys,
      AdminCredential credential,
      AuditTrail audit,
      RequestMetrics metrics) {
    this.clients = clients;
    this.keys = keys;
    this.credential = credential;
    this.audit = audit;
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
            audit.record(
                new CallContext(requestId, CallContext.UNAUTHENTICATED), operation, code, Map.of());
            throw AdminError.ADMIN_UNAUTHORIZED.error("A valid admin token is required.");
          }
          return handler.handle(req, CallContext.admin(requestId));
        });
  }

  private static String id(ServerRequest req) {
    return req.path().pathParameters().get("clientId");
  }
}
