package io.ekms.ekm.service;

import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.policy.Policy;
import io.ekms.ekm.domain.policy.PolicyEffect;
import io.ekms.ekm.domain.policy.PolicyScope;
import io.ekms.ekm.policy.PolicyLanguage;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.PolicyRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Admin use cases of key-access policies: create, list, show, replace and delete. A condition is
 * compiled and type-checked before it is stored, so a bad one is refused with its line and column.
 * Every change is audited with the old and the new text; it applies to the next request on every
 * node, since the crypto path reads policies from the store each time.
 */
public final class PolicyAdmin {
  /** Audit detail values are bounded; longer texts are recorded in parts of this many chars. */
  static final int DETAIL_PART = 1000;

  private final Database db;
  private final AuditTrail audit;
  private final Clock clock;
  private final PolicyRepository repo = new PolicyRepository();

  public PolicyAdmin(Database db, AuditTrail audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  /** A policy to create: where it applies, its effect and its condition. */
  public record NewPolicy(
      String name, PolicyScope scope, String scopeId, PolicyEffect effect, String expression) {}

  public Policy create(CallContext ctx, NewPolicy in) {
    if (!Policy.validName(in.name())) {
      throw EkmError.INVALID_REQUEST.error(
          "Field 'name' must be 1 to 128 of letters, digits, '.', '_' and '-'.");
    }
    if (in.scope() == null) {
      throw EkmError.INVALID_REQUEST.error(
          "Field 'scope' must be vault, key, xksKeyStore or gcpKeyStore.");
    }
    if (!Ids.wellFormed(in.scopeId())) {
      throw EkmError.INVALID_REQUEST.error("Field 'scopeId' is not an EKM identifier.");
    }
    PolicyEffect effect = required(in.effect());
    compile(in.expression());
    Instant now = clock.instant();
    Policy p =
        new Policy(
            "pol-" + Randoms.hex(16),
            in.name(),
            in.scope(),
            in.scopeId(),
            effect,
            in.expression(),
            1,
            now,
            now);
    return audited(
        ctx.withDetails(texts("new", p.effect(), p.expression())),
        "PolicyCreate",
        () -> {
          VaultAdmin.writeUnique(
              db,
              c -> {
                if (!repo.scopeExists(c, p.scope(), p.scopeId())) {
                  throw EkmError.NOT_FOUND.error(
                      "No " + p.scope().wire() + " " + p.scopeId() + " to attach a policy to.");
                }
                repo.insert(c, p);
              },
              "A policy of this name is attached to this " + p.scope().wire() + " already.");
          return p;
        });
  }

  /**
   * One page of the policies, oldest first: every policy, or those of one scope object when {@code
   * scope} is given; {@code limit} and {@code page} as {@link Pages} reads them.
   */
  public Pages.Page<Policy> list(
      CallContext ctx, PolicyScope scope, String scopeId, String limit, String pageToken) {
    return audited(
        ctx,
        "PolicyList",
        () -> {
          var page = Pages.query(limit, pageToken);
          return Pages.of(
              db.withConnection(c -> repo.page(c, scope, scopeId, page)),
              page,
              Policy::createdAt,
              Policy::id);
        });
  }

  /** Every policy, or those of one scope object, by scope and name (the console's list). */
  public List<Policy> list(CallContext ctx, PolicyScope scope, String scopeId) {
    return audited(ctx, "PolicyList", () -> db.withConnection(c -> repo.list(c, scope, scopeId)));
  }

  public Policy get(CallContext ctx, String id) {
    return audited(ctx, "PolicyGet", () -> find(id));
  }

  /** Replaces the effect and condition of policy {@code id}; the old text goes to the audit. */
  public Policy replace(CallContext ctx, String id, PolicyEffect effect, String expression) {
    PolicyEffect e = required(effect);
    compile(expression);
    Policy old = find(id);
    Policy updated = old.revised(e, expression, clock.instant());
    Map<String, String> details = new HashMap<>(texts("old", old.effect(), old.expression()));
    details.putAll(texts("new", e, expression));
    return audited(
        ctx.withDetails(details),
        "PolicyReplace",
        () -> {
          if (!db.inTransaction(c -> repo.replace(c, updated, old.revision()))) {
            throw EkmError.CONFLICT.error(
                "The policy changed or went away meanwhile; read it again and retry.");
          }
          return updated;
        });
  }

  public void delete(CallContext ctx, String id) {
    Policy old = find(id);
    audited(
        ctx.withDetails(texts("old", old.effect(), old.expression())),
        "PolicyDelete",
        () -> {
          if (!db.inTransaction(c -> repo.delete(c, id))) {
            throw EkmError.NOT_FOUND.error("The policy does not exist.");
          }
          return null;
        });
  }

  private Policy find(String id) {
    return (Ids.wellFormed(id)
            ? db.withConnection(c -> repo.find(c, id))
            : Optional.<Policy>empty())
        .orElseThrow(() -> EkmError.NOT_FOUND.error("The policy does not exist."));
  }

  private static PolicyEffect required(PolicyEffect effect) {
    if (effect == null) {
      throw EkmError.INVALID_REQUEST.error("Field 'effect' must be ALLOW or DENY.");
    }
    return effect;
  }

  private static void compile(String expression) {
    try {
      PolicyLanguage.compile(expression);
    } catch (PolicyLanguage.InvalidConditionException e) {
      throw EkmError.INVALID_REQUEST.error(
          "Field 'expression' is not a valid condition: " + e.getMessage() + ".");
    }
  }

  /** The effect and text as audit details, the text in parts of {@link #DETAIL_PART} chars. */
  static Map<String, String> texts(String prefix, PolicyEffect effect, String expression) {
    Map<String, String> out = new HashMap<>();
    out.put(prefix + "Effect", effect.name());
    for (int i = 0, part = 1; i < expression.length(); i += DETAIL_PART, part++) {
      String key = prefix + "Expression" + (part == 1 ? "" : "." + part);
      out.put(key, expression.substring(i, Math.min(expression.length(), i + DETAIL_PART)));
    }
    return out;
  }

  /** Runs and audits one admin operation; policies name no vault, key or version target. */
  private <T> T audited(CallContext ctx, String op, Supplier<T> work) {
    return audit.run(ctx, op, new Target(null, null, null), null, work);
  }
}
