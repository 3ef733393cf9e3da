package io.ekms.ekm.http;

import io.ekms.core.http.AdminCredential;
import io.ekms.core.http.Bodies;
import io.ekms.core.http.JsonExchange;
import io.ekms.core.http.JsonExchange.Reply;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.json.Json;
import io.ekms.core.secret.Redacted;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.EkmError;
import io.ekms.ekm.service.XksAdmin;
import io.ekms.ekm.xks.XksKeyStore;
import io.ekms.ekm.xks.XksKeyStore.ExposedKey;
import io.ekms.ekm.xks.XksUsage;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;

/**
 * Admin API of XKS key stores under {@code /admin/v1/xks/keystores}, behind the admin credential.
 * Secrets go in once and are never answered back.
 */
public final class XksAdminRoutes {
  private static final String S = "/admin/v1/xks/keystores";
  private static final String ONE = S + "/{storeId}";

  /** Body of create. */
  record CreateStore(String name, String uriPrefix, Integer ratePerSecond) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** Body of add credential; the secret is never answered back. */
  record AddCredential(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** Body of put key. */
  record PutKey(String vaultId, String keyId, String usage) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** A key store as shown to admins: access key ids only, never secrets. */
  record StoreView(
      String id,
      String name,
      String uriPrefix,
      int ratePerSecond,
      List<String> accessKeyIds,
      List<ExposedKey> keys) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    static StoreView of(XksKeyStore s) {
      return new StoreView(
          s.id(),
          s.name(),
          s.uriPrefix(),
          s.ratePerSecond(),
          s.credentials().stream().map(XksKeyStore.Credential::accessKeyId).toList(),
          s.keys());
    }
  }

  private final XksAdmin admin;
  private final AuditTrail audit;
  private final AdminCredential credential;
  private final JsonExchange exchange;

  public XksAdminRoutes(
      XksAdmin admin, AuditTrail audit, AdminCredential credential, RequestMetrics metrics) {
    this.admin = admin;
    this.audit = audit;
    this.credential = credential;
    this.exchange = new JsonExchange(metrics, ErrorMapper::map);
  }

  public void routing(HttpRouting.Builder r) {
    r.post(
        S,
        route(
            "XksCreateKeyStore",
            (req, ctx) -> {
              var b = body(req, CreateStore.class);
              return new Reply(
                  201,
                  StoreView.of(admin.createStore(ctx, b.name(), b.uriPrefix(), b.ratePerSecond())));
            }));
    r.get(
        S,
        route(
            "XksListKeyStores",
            (req, ctx) ->
                new Reply(
                    200,
                    new AdminViews.ListView<>(
                        admin.list(ctx).stream().map(StoreView::of).toList()))));
    r.post(
        ONE + "/credentials",
        route(
            "XksAddCredential",
            (req, ctx) -> {
              var b = body(req, AddCredential.class);
              admin.addCredential(ctx, p(req, "storeId"), b.accessKeyId(), b.secretAccessKey());
              return new Reply(201, new AdminViews.ListView<>(List.of(b.accessKeyId())));
            }));
    r.delete(
        ONE + "/credentials/{accessKeyId}",
        route(
            "XksRemoveCredential",
            (req, ctx) -> {
              admin.removeCredential(ctx, p(req, "storeId"), p(req, "accessKeyId"));
              return new Reply(200, new AdminViews.ListView<>(List.of()));
            }));
    r.put(
        ONE + "/keys/{externalKeyId}",
        route(
            "XksPutKey",
            (req, ctx) -> {
              var b = body(req, PutKey.class);
              admin.putKey(
                  ctx,
                  p(req, "storeId"),
                  new ExposedKey(
                      p(req, "externalKeyId"), b.vaultId(), b.keyId(), usage(b.usage())));
              return new Reply(200, new AdminViews.ListView<>(List.of(p(req, "externalKeyId"))));
            }));
    r.delete(
        ONE + "/keys/{externalKeyId}",
        route(
            "XksRemoveKey",
            (req, ctx) -> {
              admin.removeKey(ctx, p(req, "storeId"), p(req, "externalKeyId"));
              return new Reply(200, new AdminViews.ListView<>(List.of()));
            }));
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
            audit.record(
                new CallContext(requestId, "unauthenticated", null, null),
                operation,
                new AuditTrail.Target(null, null, null),
                EkmError.ADMIN_UNAUTHORIZED.code());
            throw EkmError.ADMIN_UNAUTHORIZED.error("A valid admin token is required.");
          }
          return handler.handle(req, CallContext.admin(requestId));
        });
  }

  private static XksUsage usage(String name) {
    try {
      return XksUsage.valueOf(name == null ? "ENCRYPT_DECRYPT" : name);
    } catch (IllegalArgumentException e) {
      throw EkmError.INVALID_REQUEST.error(
          "Field 'usage' must be ENCRYPT_DECRYPT, ENCRYPT_ONLY, DECRYPT_ONLY or NONE.");
    }
  }

  private static <T> T body(ServerRequest req, Class<T> type) {
    return Json.read(Bodies.read(req, 16 * 1024), type);
  }

  private static String p(ServerRequest req, String name) {
    return req.path().pathParameters().get(name);
  }
}
