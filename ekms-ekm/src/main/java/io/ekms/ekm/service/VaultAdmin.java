package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.domain.VaultState;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.IssuerRepository;
import io.ekms.ekm.store.VaultRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Admin use cases of vaults; each one is audited. Trusted issuers are {@link IssuerAdmin}'s. */
public final class VaultAdmin {
  private final Database db;
  private final AuditTrail audit;
  private final Clock clock;
  private final IssuerRepository issuers = new IssuerRepository();
  private final VaultRepository vaults = new VaultRepository();

  public VaultAdmin(Database db, AuditTrail audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  public Vault createVault(CallContext ctx, String name, String issuerId, String clientId) {
    return audit.run(
        ctx,
        "CreateVault",
        new Target(null, null, null),
        v -> new Target(v.id(), null, null),
        () -> {
          Instant now = clock.instant();
          Vault vault =
              Requests.build(
                  () ->
                      new Vault(
                          Ids.newVault(),
                          name,
                          Requests.required("issuerId", issuerId),
                          clientId,
                          VaultState.ACTIVE,
                          now,
                          now));
          writeUnique(
              db,
              c -> {
                if (issuers.find(c, issuerId).isEmpty()) {
                  throw EkmError.NOT_FOUND.error("The issuer " + issuerId + " does not exist.");
                }
                vaults.insert(c, vault);
              },
              "A vault with this name already exists.");
          return vault;
        });
  }

  /**
   * One page of the vaults, oldest first: {@code limit} and {@code page} as {@link Pages} reads
   * them.
   */
  public Pages.Page<Vault> listVaults(CallContext ctx, String limit, String pageToken) {
    return audit.run(
        ctx,
        "ListVaults",
        new Target(null, null, null),
        null,
        () -> {
          var page = Pages.query(limit, pageToken);
          return Pages.of(
              db.withConnection(c -> vaults.page(c, page)), page, Vault::createdAt, Vault::id);
        });
  }

  public List<Vault> listVaults(CallContext ctx) {
    return audit.run(
        ctx,
        "ListVaults",
        new Target(null, null, null),
        null,
        () -> db.withConnection(vaults::list));
  }

  public Vault getVault(CallContext ctx, String vaultId) {
    return audit.run(
        ctx,
        "GetVault",
        new Target(vaultId, null, null),
        null,
        () -> db.withConnection(c -> find(c, vaultId)));
  }

  public Vault setVaultState(CallContext ctx, String vaultId, VaultState state) {
    String op = state == VaultState.BLOCKED ? "BlockVault" : "UnblockVault";
    return audit.run(
        ctx,
        op,
        new Target(vaultId, null, null),
        null,
        () ->
            db.inTransaction(
                c -> {
                  Vault next = find(c, vaultId).withState(state, clock.instant());
                  vaults.updateState(c, next);
                  return next;
                }));
  }

  /**
   * Deletes a vault with its DELETED keys and their versions, in one transaction. 404 when there is
   * no such vault; 409 {@code Conflict}, naming how many, while it holds a key that is not DELETED,
   * a key store exposes one of its keys, or a key-access policy is attached to it or its keys.
   */
  public void deleteVault(CallContext ctx, String vaultId) {
    boolean wellFormed = Ids.wellFormed(vaultId);
    audit.run(
        ctx,
        "DeleteVault",
        new Target(wellFormed ? vaultId : null, null, null),
        null,
        () -> {
          try {
            return db.inTransaction(
                c -> {
                  if (!wellFormed || vaults.find(c, vaultId).isEmpty()) {
                    throw EkmError.NOT_FOUND.error("The vault does not exist.");
                  }
                  VaultRepository.Dependents held = vaults.dependents(c, vaultId);
                  if (!held.none()) {
                    throw stillHolds(held);
                  }
                  vaults.deleteWithDeletedKeys(c, vaultId);
                  return null;
                });
          } catch (StoreException e) {
            if (e.isConstraintViolation()) { // a key made or exposed meanwhile
              throw EkmError.CONFLICT.error("The vault changed meanwhile; it was kept.");
            }
            throw e;
          }
        });
  }

  private static RuntimeException stillHolds(VaultRepository.Dependents held) {
    List<String> parts = new java.util.ArrayList<>();
    if (held.liveKeys() > 0) {
      parts.add(
          held.liveKeys() == 1
              ? "1 key that is not deleted"
              : held.liveKeys() + " keys that are not deleted");
    }
    if (held.exposures() > 0) {
      parts.add(
          held.exposures() == 1
              ? "1 key exposed in an XKS or Google key store"
              : held.exposures() + " key exposures in XKS or Google key stores");
    }
    if (held.policies() > 0) {
      parts.add(
          held.policies() == 1
              ? "1 key-access policy attached"
              : held.policies() + " key-access policies attached");
    }
    String listed =
        parts.size() == 1
            ? parts.get(0)
            : String.join(", ", parts.subList(0, parts.size() - 1))
                + " and "
                + parts.get(parts.size() - 1);
    return EkmError.CONFLICT.error(
        "The vault still has " + listed + "; it can be deleted only without them.");
  }

  private Vault find(java.sql.Connection c, String vaultId) throws java.sql.SQLException {
    return vaults
        .find(c, vaultId)
        .orElseThrow(() -> EkmError.NOT_FOUND.error("The vault does not exist."));
  }

  /** One JDBC write. */
  @FunctionalInterface
  interface SqlAction {
    void run(java.sql.Connection c) throws java.sql.SQLException;
  }

  /** Runs {@code work} in one transaction; a duplicate key is 409 CONFLICT with {@code message}. */
  static void writeUnique(Database db, SqlAction work, String message) {
    try {
      db.inTransaction(
          c -> {
            work.run(c);
            return null;
          });
    } catch (StoreException e) {
      throw conflictOr(e, message);
    }
  }

  static RuntimeException conflictOr(StoreException e, String message) {
    return e.isDuplicateKey() ? EkmError.CONFLICT.error(message) : e;
  }
}
