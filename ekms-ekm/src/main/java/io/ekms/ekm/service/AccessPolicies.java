package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.ekm.domain.policy.Decision;
import io.ekms.ekm.domain.policy.PolicyInput;
import io.ekms.ekm.policy.PolicyEngine;
import io.ekms.ekm.store.PolicyRepository;
import java.time.Clock;
import java.util.Map;

/**
 * The key-access policies on the crypto path of every protocol: reads the policies of the request's
 * vault, key and key store (one query, every request: a change on any node applies to the next
 * request), decides, notes the decision on the request's audit record, and refuses with {@link
 * EkmError#POLICY_DENIED} (each protocol answers it in its own format).
 */
public final class AccessPolicies {
  /** The audit details of a decision. */
  static final String DECISION = "policy.decision";

  static final String POLICY = "policy.id";
  static final String REASON = "policy.reason";

  private final Database db;
  private final PolicyEngine engine;
  private final Clock clock;
  private final PolicyRepository repo = new PolicyRepository();

  public AccessPolicies(Database db, PolicyEngine engine, Clock clock) {
    this.db = db;
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * Decides {@code operation} on the key (and version) of {@code vaultId} for the caller of {@code
   * ctx}; a context without a policy caller (an admin's) is not a crypto call and is not decided.
   */
  public void check(
      CallContext ctx, String operation, String vaultId, String keyId, String versionId) {
    PolicyCaller who = ctx.policy();
    if (who == null) {
      return;
    }
    var policies =
        db.withConnection(c -> repo.applying(c, vaultId, keyId, who.storeScope(), who.storeId()));
    PolicyInput input =
        new PolicyInput(
            who.protocol(),
            operation,
            who.caller(),
            who.reason(),
            who.kmsRequestId(),
            vaultId,
            keyId,
            versionId,
            who.storeId(),
            who.source(),
            clock.instant());
    Decision d = engine.decide(policies, input);
    String decision = d.allowed() ? "allow" : "deny";
    ctx.mark()
        .note(
            d.policyId() == null
                ? Map.of(DECISION, decision, REASON, d.reason())
                : Map.of(DECISION, decision, REASON, d.reason(), POLICY, d.policyId()));
    if (!d.allowed()) {
      EkmError code = d.onReason() ? EkmError.POLICY_DENIED_ON_REASON : EkmError.POLICY_DENIED;
      throw code.error(
          "Refused by a key-access policy; the EKM's audit record of this request names it.");
    }
  }
}
