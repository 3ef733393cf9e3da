package io.ekms.ekm.policy;

import io.ekms.ekm.domain.policy.Decision;
import io.ekms.ekm.domain.policy.Policy;
import io.ekms.ekm.domain.policy.PolicyEffect;
import io.ekms.ekm.domain.policy.PolicyInput;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides a request on the policies attached to its vault, key and key store. Deny wins: a DENY
 * policy whose condition holds refuses, and so does an ALLOW policy whose condition does not hold;
 * a condition that cannot be evaluated refuses too (fail closed). No policy means allow, and the
 * decision says so. Compiled conditions are kept by policy id and revision; the policies themselves
 * are read from the store on every request by the caller, so a change reaches every node at once.
 */
public final class PolicyEngine {
  /** Past this many compiled conditions the cache starts again (policies are few in practice). */
  static final int MAX_COMPILED = 10_000;

  private record Compiled(long revision, String expression, PolicyLanguage.Condition condition) {}

  private final ConcurrentHashMap<String, Compiled> compiled = new ConcurrentHashMap<>();

  /** The decision for {@code input} under {@code policies} (any order). */
  public Decision decide(List<Policy> policies, PolicyInput input) {
    if (policies.isEmpty()) {
      return Decision.NO_POLICY;
    }
    // Prohibitions first, so the audit names the DENY policy that matched when both would refuse.
    for (PolicyEffect effect : List.of(PolicyEffect.DENY, PolicyEffect.ALLOW)) {
      for (Policy p : policies) {
        if (p.effect() != effect) {
          continue;
        }
        boolean holds;
        PolicyLanguage.Condition condition;
        try {
          condition = condition(p);
          holds = condition.test(input);
        } catch (RuntimeException | PolicyLanguage.InvalidConditionException e) {
          return new Decision(
              false, p.id(), "policy " + p.name() + " could not be evaluated: " + e.getMessage());
        }
        if (effect == PolicyEffect.DENY && holds) {
          return new Decision(
              false, p.id(), "DENY policy " + p.name() + " matched", condition.readsReason());
        }
        if (effect == PolicyEffect.ALLOW && !holds) {
          return new Decision(
              false,
              p.id(),
              "ALLOW policy " + p.name() + " did not match",
              condition.readsReason());
        }
      }
    }
    StringBuilder reason = new StringBuilder("allowed by ").append(policies.size());
    reason.append(policies.size() == 1 ? " policy: " : " policies: ");
    for (int i = 0; i < policies.size(); i++) {
      reason.append(i == 0 ? "" : ", ").append(policies.get(i).name());
    }
    return new Decision(true, null, reason.toString());
  }

  private PolicyLanguage.Condition condition(Policy p)
      throws PolicyLanguage.InvalidConditionException {
    Compiled c = compiled.get(p.id());
    if (c != null && c.revision() == p.revision() && c.expression().equals(p.expression())) {
      return c.condition();
    }
    PolicyLanguage.Condition fresh = PolicyLanguage.compile(p.expression());
    if (compiled.size() >= MAX_COMPILED) {
      compiled.clear();
    }
    compiled.put(p.id(), new Compiled(p.revision(), p.expression(), fresh));
    return fresh;
  }
}
