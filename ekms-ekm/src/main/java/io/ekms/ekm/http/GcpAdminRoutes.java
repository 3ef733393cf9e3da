package io.ekms.ekm.http;

import io.ekms.common.secret.Redacted;
import io.ekms.core.admin.AdminAccess;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.core.http.RequestMetrics;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.gcp.AccessReason;
import io.ekms.ekm.domain.gcp.GcpKeyStore;
import io.ekms.ekm.domain.gcp.GcpKeyStore.ExposedKey;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.EkmError;
import io.ekms.ekm.service.GcpAdmin;
import io.helidon.webserver.http.HttpRouting;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Admin API of Google Cloud EKM key stores under {@code /admin/v1/gcp/keystores}, behind the admin
 * credential: create and list stores, allow and disallow service accounts, expose and unexpose
 * keys, set the access reasons a store refuses.
 */
public final class GcpAdminRoutes {
  private static final String S = "/admin/v1/gcp/keystores";
  private static final String ONE = S + "/{storeId}";

  /** Body of create; null issuer and jwksUrl mean Google's. */
  record CreateStore(
      String name,
      String uriPrefix,
      String issuer,
      String jwksUrl,
      String caBundlePem,
      List<String> audiences,
      Integer ratePerSecond,
      List<String> deniedReasons) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** Body of add service account. */
  record AddServiceAccount(String email) {}

  /** Body of set denied reasons. */
  record DeniedReasons(List<String> deniedReasons) {}

  /** Body of put key. */
  record PutKey(String vaultId, String keyId) {}

  /** A key store as shown to admins. */
  record StoreView(
      String id,
      String name,
      String uriPrefix,
      String issuer,
      String jwksUrl,
      boolean caBundle,
      List<String> audiences,
      int ratePerSecond,
      List<String> deniedReasons,
      List<String> serviceAccounts,
      List<ExposedKey> keys) {
    static StoreView of(GcpKeyStore s) {
      return new StoreView(
          s.id(),
          s.name(),
          s.uriPrefix(),
          s.issuer(),
          s.jwksUrl(),
          s.caBundlePem() != null,
          s.audiences(),
          s.ratePerSecond(),
          s.deniedReasons().stream().map(Enum::name).sorted().toList(),
          s.serviceAccounts(),
          s.keys());
    }
  }

  private final GcpAdmin admin;
  private final Exchange<CallContext> gate;

  public GcpAdminRoutes(
      GcpAdmin admin,
      AuditTrail audit,
      Refusals refusals,
      AdminAccess access,
      RequestMetrics metrics) {
    this.admin = admin;
    this.gate = AdminGate.exchange(access, refusals, audit, metrics, 128 * 1024);
  }

  public void routing(HttpRouting.Builder r) {
    r.post(
        S,
        gate.route(
            "GcpCreateKeyStore",
            (req, ctx) -> {
              var b = req.json(CreateStore.class);
              var store =
                  admin.createStore(
                      ctx,
                      new GcpAdmin.NewStore(
                          b.name(),
                          b.uriPrefix(),
                          b.issuer(),
                          b.jwksUrl(),
                          b.caBundlePem(),
                          b.audiences(),
                          b.ratePerSecond(),
                          reasons(b.deniedReasons())));
              return new Reply(201, StoreView.of(store));
            }));
    r.get(
        S,
        gate.route(
            "GcpListKeyStores",
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
    r.put(
        ONE + "/denied-reasons",
        gate.route(
            "GcpSetDeniedReasons",
            (req, ctx) -> {
              var b = req.json(DeniedReasons.class);
              Set<AccessReason> denied = reasons(b.deniedReasons());
              admin.setDeniedReasons(ctx, p(req, "storeId"), denied);
              return new Reply(
                  200,
                  new AdminViews.ListView<>(denied.stream().map(Enum::name).sorted().toList()));
            }));
    r.post(
        ONE + "/service-accounts",
        gate.route(
            "GcpAddServiceAccount",
            (req, ctx) -> {
              var b = req.json(AddServiceAccount.class);
              String email = admin.addServiceAccount(ctx, p(req, "storeId"), b.email());
              return new Reply(201, new AdminViews.ListView<>(List.of(email)));
            }));
    r.delete(
        ONE + "/service-accounts/{email}",
        gate.route(
            "GcpRemoveServiceAccount",
            (req, ctx) -> {
              admin.removeServiceAccount(ctx, p(req, "storeId"), req.path("email"));
              return new Reply(200, new AdminViews.ListView<>(List.of()));
            }));
    r.put(
        ONE + "/keys/{keyName}",
        gate.route(
            "GcpPutKey",
            (req, ctx) -> {
              var b = req.json(PutKey.class);
              String name = p(req, "keyName");
              admin.putKey(ctx, p(req, "storeId"), new ExposedKey(name, b.vaultId(), b.keyId()));
              return new Reply(200, new AdminViews.ListView<>(List.of(name)));
            }));
    r.delete(
        ONE + "/keys/{keyName}",
        gate.route(
            "GcpRemoveKey",
            (req, ctx) -> {
              admin.removeKey(ctx, p(req, "storeId"), p(req, "keyName"));
              return new Reply(200, new AdminViews.ListView<>(List.of()));
            }));
  }

  private static Set<AccessReason> reasons(List<String> names) {
    Set<AccessReason> out = EnumSet.noneOf(AccessReason.class);
    for (String name : names == null ? List.<String>of() : names) {
      AccessReason r = AccessReason.named(name);
      if (r == null) {
        throw EkmError.INVALID_REQUEST.error(
            "Field 'deniedReasons' takes reason names, MISSING and UNKNOWN included.");
      }
      out.add(r);
    }
    return out;
  }

  /** A path parameter, checked for its shape: a 400 naming it when it does not fit. */
  private static String p(Request req, String name) {
    String value = req.path(name);
    boolean valid =
        switch (name) {
          case "storeId" -> Ids.wellFormed(value);
          case "keyName" -> GcpKeyStore.validKeyName(value);
          default -> throw new IllegalArgumentException("no such path parameter: " + name);
        };
    if (!valid) {
      throw EkmError.INVALID_REQUEST.error("'" + name + "' in the path is not valid.");
    }
    return value;
  }
}
