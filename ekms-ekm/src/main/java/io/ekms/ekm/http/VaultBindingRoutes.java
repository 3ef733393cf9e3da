package io.ekms.ekm.http;

import io.ekms.core.admin.AdminAccess;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.RequestMetrics;
import io.ekms.ekm.http.AdminViews.VaultView;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.VaultBindings;
import io.helidon.webserver.http.HttpRouting;

/**
 * {@code PATCH /admin/v1/vaults/{vaultId}} with {@code {"issuerId", "clientId"}} (either or both):
 * rebinds the vault to another trusted issuer or OAuth client ({@link VaultBindings}).
 */
public final class VaultBindingRoutes {
  /** Body of a rebinding. */
  record Rebind(String issuerId, String clientId) {}

  private final VaultBindings bindings;
  private final Exchange<CallContext> gate;

  public VaultBindingRoutes(
      VaultBindings bindings,
      AuditTrail audit,
      Refusals refusals,
      AdminAccess access,
      RequestMetrics metrics) {
    this.bindings = bindings;
    this.gate = AdminGate.exchange(access, refusals, audit, metrics, 16 * 1024);
  }

  public void routing(HttpRouting.Builder r) {
    r.patch(
        "/admin/v1/vaults/{vaultId}",
        gate.route(
            "RebindVault",
            (req, ctx) -> {
              Rebind b = req.json(Rebind.class);
              return new Reply(
                  200,
                  VaultView.of(
                      bindings.rebind(
                          ctx, PathIds.ekm(req, "vaultId"), b.issuerId(), b.clientId())));
            }));
  }
}
