package io.ekms.identity.service;

import io.ekms.identity.domain.SigningKeyInfo;
import io.ekms.identity.keys.SigningKeys;
import java.util.List;
import java.util.Map;

/** Admin use cases for the token signing keys; each one is audited. */
public final class KeyAdmin {
  private static final String INTERNAL = AdminError.INTERNAL_ERROR.code();
  private final SigningKeys keys;
  private final AuditTrail audit;

  public KeyAdmin(SigningKeys keys, AuditTrail audit) {
    this.keys = keys;
    this.audit = audit;
  }

  /** The keys published in the JWKS now, newest (the current one) first. */
  public List<SigningKeyInfo> list(CallContext ctx) {
    return audit.run(ctx, "ListSigningKeys", INTERNAL, null, keys::list);
  }

  /** Makes a new key current; returns it. The previous key stays published until it retires. */
  public SigningKeyInfo rotate(CallContext ctx) {
    String previous = keys.current().kid();
    return audit.run(
        ctx,
        "RotateSigningKey",
        INTERNAL,
        fresh -> Map.of("kid", fresh.kid(), "previousKid", previous),
        keys::rotate);
  }
}
