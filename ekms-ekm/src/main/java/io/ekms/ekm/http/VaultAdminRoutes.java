package io.ekms.ekm.http;

import io.ekms.core.admin.AdminAccess;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.core.http.RequestMetrics;
import io.ekms.ekm.domain.VaultState;
import io.ekms.ekm.http.AdminViews.CreateIssuer;
import io.ekms.ekm.http.AdminViews.CreateVault;
import io.ekms.ekm.http.AdminViews.IssuerView;
import io.ekms.ekm.http.AdminViews.ListView;
import io.ekms.ekm.http.AdminViews.UpdateIssuer;
import io.ekms.ekm.http.AdminViews.VaultView;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.IssuerAdmin;
import io.ekms.ekm.service.VaultAdmin;
import io.helidon.webserver.http.HttpRouting;

/**
 * Admin API of trusted issuers ({@code /admin/v1/issuers}) and vaults ({@code /admin/v1/vaults}),
 * behind the admin credential: add, list and remove issuers; create, list, show, block, unblock and
 * delete vaults. A vault's keys are {@link AdminRoutes}'.
 */
public final class VaultAdminRoutes {
  private static final String ISSUERS = "/admin/v1/issuers";
  private static final String VAULTS = "/admin/v1/vaults";
  private static final String V = VAULTS + "/{vaultId}";

  private final VaultAdmin vaults;
  private final IssuerAdmin issuers;
  private final Exchange<CallContext> gate;

  public VaultAdminRoutes(
      VaultAdmin vaults,
      IssuerAdmin issuers,
      AuditTrail audit,
      Refusals refusals,
      AdminAccess access,
      RequestMetrics metrics) {
    this.vaults = vaults;
    this.issuers = issuers;
    this.gate = AdminGate.exchange(access, refusals, audit, metrics, 128 * 1024);
  }

  public void routing(HttpRouting.Builder r) {
    r.post(
        ISSUERS,
        route(
            "AddIssuer",
            (req, ctx) -> {
              var b = req.json(CreateIssuer.class);
              return new Reply(
                  201,
                  IssuerView.of(
                      issuers.addIssuer(
                          ctx, b.issuer(), b.jwksUri(), b.discoveryUrl(), b.caBundle())));
            }));
    r.get(
        ISSUERS,
        route(
            "ListIssuers",
            (req, ctx) ->
                new Reply(
                    200,
                    ListView.of(
                        issuers
                            .listIssuers(
                                ctx,
                                AdminRoutes.query(req, "limit"),
                                AdminRoutes.query(req, "page"))
                            .map(IssuerView::of)))));
    r.put(
        ISSUERS + "/{issuerId}",
        route(
            "UpdateIssuer",
            (req, ctx) -> {
              var b = req.json(UpdateIssuer.class);
              return new Reply(
                  200,
                  IssuerView.of(
                      issuers.updateIssuer(
                          ctx, p(req, "issuerId"), b.jwksUri(), b.discoveryUrl(), b.caBundle())));
            }));
    r.delete(
        ISSUERS + "/{issuerId}",
        route(
            "RemoveIssuer",
            (req, ctx) -> {
              issuers.removeIssuer(ctx, p(req, "issuerId"));
              return new Reply(204, null);
            }));
    r.post(
        VAULTS,
        route(
            "CreateVault",
            (req, ctx) -> {
              var b = req.json(CreateVault.class);
              return new Reply(
                  201, VaultView.of(vaults.createVault(ctx, b.name(), b.issuerId(), b.clientId())));
            }));
    r.get(
        VAULTS,
        route(
            "ListVaults",
            (req, ctx) ->
                new Reply(
                    200,
                    ListView.of(
                        vaults
                            .listVaults(
                                ctx,
                                AdminRoutes.query(req, "limit"),
                                AdminRoutes.query(req, "page"))
                            .map(VaultView::of)))));
    r.get(
        V,
        route(
            "GetVault",
            (req, ctx) -> new Reply(200, VaultView.of(vaults.getVault(ctx, p(req, "vaultId"))))));
    r.delete(
        V,
        route(
            "DeleteVault",
            (req, ctx) -> {
              vaults.deleteVault(ctx, p(req, "vaultId"));
              return new Reply(204, null);
            }));
    r.post(V + "/block", state("BlockVault", VaultState.BLOCKED));
    r.post(V + "/unblock", state("UnblockVault", VaultState.ACTIVE));
  }

  private io.helidon.webserver.http.Handler state(String operation, VaultState next) {
    return route(
        operation,
        (req, ctx) ->
            new Reply(200, VaultView.of(vaults.setVaultState(ctx, p(req, "vaultId"), next))));
  }

  private io.helidon.webserver.http.Handler route(
      String operation, Exchange.Route<CallContext> handler) {
    return gate.route(operation, handler);
  }

  /** An issuer or vault id of the path, which must be an EKM id. */
  private static String p(Request req, String name) {
    return PathIds.ekm(req, name);
  }
}
