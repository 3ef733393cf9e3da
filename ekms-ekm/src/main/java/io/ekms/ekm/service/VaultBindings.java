package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.IssuerRepository;
import io.ekms.ekm.store.VaultRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rebinding a vault: which trusted issuer's tokens, and which OAuth client, may use its keys. The
 * EKM API reads the binding on every call, so the old client is refused from its next call. A
 * sensitive change: a quorum holds it by default. Audited as RebindVault with the binding before
 * and after.
 */
public final class VaultBindings {
  private final Database db;
  private final AuditTrail audit;
  private final Clock clock;
  private final VaultRepository vaults = new VaultRepository();
  private final IssuerRepository issuers = new IssuerRepository();

  public VaultBindings(Database db, AuditTrail audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  /** Binds the vault to {@code issuerId} and/or {@code clientId}; null keeps that part. */
  public Vault rebind(CallContext ctx, String vaultId, String issuerId, String clientId) {
    return audit.run(
        ctx,
        "RebindVault",
        new Target(vaultId, null, null),
        null,
        () -> {
          if (issuerId == null && clientId == null) {
            throw EkmError.INVALID_REQUEST.error(
                "Nothing to change: set 'issuerId', 'clientId' or both.");
          }
          Instant now = clock.instant();
          return db.inTransaction(
              c -> {
                Vault vault =
                    vaults
                        .find(c, vaultId)
                        .orElseThrow(() -> EkmError.NOT_FOUND.error("The vault does not exist."));
                String issuer = issuerId == null ? vault.issuerId() : issuerId;
                if (issuers.find(c, issuer).isEmpty()) {
                  throw EkmError.NOT_FOUND.error("The issuer " + issuer + " does not exist.");
                }
                Vault next =
                    Requests.build(
                        () ->
                            new Vault(
                                vault.id(),
                                vault.name(),
                                issuer,
                                clientId == null ? vault.clientId() : clientId,
                                vault.state(),
                                vault.createdAt(),
                                now));
                vaults.updateBinding(c, next);
                Map<String, String> change = new LinkedHashMap<>();
                change.put("oldIssuerId", vault.issuerId());
                change.put("newIssuerId", next.issuerId());
                change.put("oldClientId", vault.clientId());
                change.put("newClientId", next.clientId());
                ctx.mark().note(change);
                return next;
              });
        });
  }
}
