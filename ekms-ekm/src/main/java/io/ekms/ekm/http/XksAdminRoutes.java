package io.ekms.ekm.http;

import io.ekms.common.secret.Redacted;
import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.WireSecret;
import io.ekms.core.admin.AdminAccess;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.core.http.RequestMetrics;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.xks.XksKeyStore;
import io.ekms.ekm.domain.xks.XksKeyStore.ExposedKey;
import io.ekms.ekm.domain.xks.XksUsage;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.EkmError;
import io.ekms.ekm.service.XksAdmin;
import io.helidon.webserver.http.HttpRouting;
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

  /** Body of update: the store's new rate limit. */
  record UpdateStore(Integer ratePerSecond) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** Body of add credential; the secret is never answered back. */
  record AddCredential(String accessKeyId, WireSecret secretAccessKey) {
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
  private final Exchange<CallContext> gate;

  public XksAdminRoutes(
      XksAdmin admin,
      AuditTrail audit,
      Refusals refusals,
      AdminAccess access,
      RequestMetrics metrics) {
    this.admin = admin;
    this.gate = AdminGate.exchange(access, refusals, audit, metrics, 16 * 1024);
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
                    AdminViews.ListView.of(
                        admin
                            .list(
                                ctx,
                                AdminRoutes.query(req, "limit"),
                                AdminRoutes.query(req, "page"))
                            .map(StoreView::of)))));
    r.patch(
        ONE,
        route(
            "XksUpdateKeyStore",
            (req, ctx) -> {
              var b = body(req, UpdateStore.class);
              if (b.ratePerSecond() == null) {
                throw EkmError.INVALID_REQUEST.error("Field 'ratePerSecond' is required.");
              }
              return new Reply(
                  200, StoreView.of(admin.setRate(ctx, p(req, "storeId"), b.ratePerSecond())));
            }));
    r.delete(
        ONE,
        route(
            "XksDeleteKeyStore",
            (req, ctx) -> {
              admin.deleteStore(ctx, p(req, "storeId"));
              return new Reply(204, null);
            }));
    r.post(
        ONE + "/credentials",
        route(
            "XksAddCredential",
            (req, ctx) -> {
              var b = body(req, AddCredential.class);
              try (WireSecret secret = b.secretAccessKey();
                  SecretBytes bytes = secret == null ? null : secret.toSecretBytes()) {
                admin.addCredential(ctx, p(req, "storeId"), b.accessKeyId(), bytes);
              }
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

  private io.helidon.webserver.http.Handler route(
      String operation, Exchange.Route<CallContext> handler) {
    return gate.route(operation, handler);
  }

  private static XksUsage usage(String name) {
    try {
      return XksUsage.valueOf(name == null ? "ENCRYPT_DECRYPT" : name);
    } catch (IllegalArgumentException e) {
      throw EkmError.INVALID_REQUEST.error(
          "Field 'usage' must be ENCRYPT_DECRYPT, ENCRYPT_ONLY, DECRYPT_ONLY or NONE.");
    }
  }

  private static <T> T body(Request req, Class<T> type) {
    return req.json(type);
  }

  /** A path parameter, checked for its type's shape: a 400 naming it when it does not fit. */
  private static String p(Request req, String name) {
    String value = req.path(name);
    boolean valid =
        switch (name) {
          case "storeId" -> Ids.wellFormed(value);
          case "accessKeyId" -> XksKeyStore.validAccessKeyId(value);
          case "externalKeyId" -> XksKeyStore.validExternalKeyId(value);
          default -> throw new IllegalArgumentException("no such path parameter: " + name);
        };
    if (!valid) {
      throw EkmError.INVALID_REQUEST.error("'" + name + "' in the path is not valid.");
    }
    return value;
  }
}
