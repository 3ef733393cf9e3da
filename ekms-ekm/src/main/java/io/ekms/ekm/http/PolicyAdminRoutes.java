package io.ekms.ekm.http;

import io.ekms.core.admin.AdminAccess;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.RequestMetrics;
import io.ekms.ekm.domain.policy.Policy;
import io.ekms.ekm.domain.policy.PolicyEffect;
import io.ekms.ekm.domain.policy.PolicyScope;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.EkmError;
import io.ekms.ekm.service.PolicyAdmin;
import io.helidon.webserver.http.HttpRouting;
import java.time.Instant;

/**
 * Admin API of key-access policies under {@code /admin/v1/policies}, behind the admin credential:
 * create, list (all, or one vault's, key's or key store's), show, replace and delete
 * (docs/policies.md).
 */
public final class PolicyAdminRoutes {
  private static final String ALL = "/admin/v1/policies";
  private static final String ONE = ALL + "/{policyId}";

  /** Body of create. */
  record CreatePolicy(
      String name, String scope, String scopeId, String effect, String expression) {}

  /** Body of replace. */
  record ReplacePolicy(String effect, String expression) {}

  /** A policy as shown to admins. */
  record PolicyView(
      String id,
      String name,
      String scope,
      String scopeId,
      String effect,
      String expression,
      long revision,
      Instant createdAt,
      Instant updatedAt) {
    static PolicyView of(Policy p) {
      return new PolicyView(
          p.id(),
          p.name(),
          p.scope().wire(),
          p.scopeId(),
          p.effect().name(),
          p.expression(),
          p.revision(),
          p.createdAt(),
          p.updatedAt());
    }
  }

  private final PolicyAdmin admin;
  private final Exchange<CallContext> gate;

  public PolicyAdminRoutes(
      PolicyAdmin admin,
      AuditTrail audit,
      Refusals refusals,
      AdminAccess access,
      RequestMetrics metrics) {
    this.admin = admin;
    this.gate = AdminGate.exchange(access, refusals, audit, metrics, 32 * 1024);
  }

  public void routing(HttpRouting.Builder r) {
    r.post(
        ALL,
        gate.route(
            "PolicyCreate",
            (req, ctx) -> {
              var b = req.json(CreatePolicy.class);
              Policy p =
                  admin.create(
                      ctx,
                      new PolicyAdmin.NewPolicy(
                          b.name(),
                          PolicyScope.named(b.scope()),
                          b.scopeId(),
                          effect(b.effect()),
                          b.expression()));
              return new Reply(201, PolicyView.of(p));
            }));
    r.get(
        ALL,
        gate.route(
            "PolicyList",
            (req, ctx) -> {
              PolicyScope scope = req.query("scope").map(PolicyAdminRoutes::scope).orElse(null);
              String scopeId = req.query("scopeId").orElse(null);
              if ((scope == null) != (scopeId == null)) {
                throw EkmError.INVALID_REQUEST.error(
                    "Query parameters 'scope' and 'scopeId' go together.");
              }
              return new Reply(
                  200,
                  AdminViews.ListView.of(
                      admin
                          .list(
                              ctx,
                              scope,
                              scopeId,
                              AdminRoutes.query(req, "limit"),
                              AdminRoutes.query(req, "page"))
                          .map(PolicyView::of)));
            }));
    r.get(
        ONE,
        gate.route(
            "PolicyGet",
            (req, ctx) -> new Reply(200, PolicyView.of(admin.get(ctx, req.path("policyId"))))));
    r.put(
        ONE,
        gate.route(
            "PolicyReplace",
            (req, ctx) -> {
              var b = req.json(ReplacePolicy.class);
              Policy p =
                  admin.replace(ctx, req.path("policyId"), effect(b.effect()), b.expression());
              return new Reply(200, PolicyView.of(p));
            }));
    r.delete(
        ONE,
        gate.route(
            "PolicyDelete",
            (req, ctx) -> {
              admin.delete(ctx, req.path("policyId"));
              return new Reply(200, new AdminViews.ListView<>(java.util.List.of()));
            }));
  }

  private static PolicyEffect effect(String name) {
    if ("ALLOW".equals(name)) {
      return PolicyEffect.ALLOW;
    }
    return "DENY".equals(name) ? PolicyEffect.DENY : null;
  }

  private static PolicyScope scope(String name) {
    PolicyScope s = PolicyScope.named(name);
    if (s == null) {
      throw EkmError.INVALID_REQUEST.error(
          "Query parameter 'scope' must be vault, key, xksKeyStore or gcpKeyStore.");
    }
    return s;
  }
}
