package io.ekms.ekm.console;

import io.ekms.core.http.RequestId;
import io.ekms.ekm.domain.policy.Policy;
import io.ekms.ekm.domain.policy.PolicyEffect;
import io.ekms.ekm.domain.policy.PolicyScope;
import io.ekms.ekm.service.EkmError;
import io.ekms.ekm.service.PolicyAdmin;
import io.helidon.webserver.http.HttpRouting;
import java.util.Comparator;

/**
 * Key-access policies: the list, a new policy, one policy edited, one deleted. The condition is
 * compiled by the admin service on save, so a wrong one comes back as its error, nothing stored.
 */
final class PolicyPages extends PageGroup {

  PolicyPages(ConsoleGate gate, ConsoleServices services) {
    super(gate, services);
  }

  @Override
  void routing(HttpRouting.Builder r) {
    r.get(
        "/console/policies",
        gate.page(
            (req, res, s) -> {
              var ctx = s.context(RequestId.generate());
              String editId = Forms.query(req, "edit");
              Policy editing = editId == null ? null : services.policies().get(ctx, editId);
              ConsoleHttp.render(
                  res,
                  200,
                  "policies.jte",
                  new Views.PoliciesView(
                      Chrome.of("Policies", "policies", s).withNotice(Notices.of(req)),
                      services.policies().list(ctx, null, null).stream()
                          .sorted(Comparator.comparing(Policy::name))
                          .toList(),
                      editing));
            }));
    r.post(
        "/console/policies",
        gate.action(
            "PolicyCreate",
            (form, s, requestId, req, res) -> {
              services
                  .policies()
                  .create(
                      s.context(requestId),
                      new PolicyAdmin.NewPolicy(
                          Forms.text(form, "name"),
                          scope(Forms.text(form, "scope")),
                          Forms.text(form, "scopeId"),
                          effect(Forms.text(form, "effect")),
                          Forms.text(form, "expression")));
              ConsoleHttp.redirect(
                  res, Notices.link("/console/policies", "policy-saved", requestId));
            }));
    r.post(
        "/console/policies/{policyId}",
        gate.action(
            "PolicyReplace",
            (form, s, requestId, req, res) -> {
              services
                  .policies()
                  .replace(
                      s.context(requestId),
                      req.path().pathParameters().get("policyId"),
                      effect(Forms.text(form, "effect")),
                      Forms.text(form, "expression"));
              ConsoleHttp.redirect(
                  res, Notices.link("/console/policies", "policy-saved", requestId));
            }));
    r.post(
        "/console/policies/{policyId}/delete",
        gate.action(
            "PolicyDelete",
            (form, s, requestId, req, res) -> {
              services
                  .policies()
                  .delete(s.context(requestId), req.path().pathParameters().get("policyId"));
              ConsoleHttp.redirect(
                  res, Notices.link("/console/policies", "policy-deleted", requestId));
            }));
  }

  private static PolicyScope scope(String value) {
    PolicyScope scope = value == null ? null : PolicyScope.named(value);
    if (scope == null) {
      throw EkmError.INVALID_REQUEST.error(
          "The scope must be vault, key, xksKeyStore or gcpKeyStore.");
    }
    return scope;
  }

  private static PolicyEffect effect(String value) {
    try {
      return PolicyEffect.valueOf(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw EkmError.INVALID_REQUEST.error("The effect must be ALLOW or DENY.");
    }
  }
}
