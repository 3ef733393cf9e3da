package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.Issuer;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.domain.VaultState;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.IssuerRepository;
import io.ekms.ekm.store.VaultRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Admin use cases for trusted issuers and vaults; each one is audited. */
public final class VaultAdmin {
  private final Database db;
  private final AuditTrail audit;
  private final Clock clock;
  private final IssuerRepository issuers = new IssuerRepository();
  private final VaultRepository vaults = new VaultRepository();

  private final Runnable issuersChanged;

  /** {@code issuersChanged} runs after the issuer list changed (token validation reloads it). */
  public VaultAdmin(Database db, AuditTrail audit, Clock clock, Runnable issuersChanged) {
    this.issuersChanged = issuersChanged;
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  public Issuer addIssuer(
      CallContext ctx, String issuer, String jwksUri, String discoveryUrl, String caBundlePem) {
    return audit.run(
        ctx,
        "AddIssuer",
        new Target(null, null, null),
        null,
        () -> {
          Issuer created =
              Requests.build(
                  () ->
                      new Issuer(
                          Ids.newIssuer(),
                          issuer,
                          Requests.url("jwksUri", jwksUri),
                          Requests.url("discoveryUrl", discoveryUrl),
                          Requests.pemOrNull(caBundlePem),
                          clock.instant()));
          writeUnique(
              db,
              c -> issuers.insert(c, created),
              "An issuer with this issuer URL already exists.");
          issuersChanged.run();
          return created;
        });
  }

  public List<Issuer> listIssuers(CallContext ctx) {
    return audit.run(
        ctx,
        "ListIssuers",
        new Target(null, null, null),
        null,
        () -> db.withConnection(issuers::list));
  }

  /**
   * Stops trusting an issuer: 404 when there is none with this id, 409 {@code Conflict} while any
   * vault (blocked ones too) trusts it. Token validation on this node forgets it before this
   * returns.
   */
  public void removeIssuer(CallContext ctx, String issuerId) {
    boolean wellFormed = Ids.wellFormed(issuerId);
    audit.run(
        wellFormed ? ctx.withDetails(Map.of("issuerId", issuerId)) : ctx,
        "RemoveIssuer",
        new Target(null, null, null),
        null,
        () -> {
          try {
            db.inTransaction(
                c -> {
                  int trusting = vaults.countByIssuer(c, issuerId);
                  if (trusting > 0) {
                    throw inUse(trusting);
                  }
                  if (!wellFormed || !issuers.delete(c, issuerId)) {
                    throw EkmError.NOT_FOUND.error("The issuer does not exist.");
                  }
                  return null;
                });
          } catch (StoreException e) {
            if (e.isConstraintViolation()) { // a vault made meanwhile
              throw EkmError.CONFLICT.error("A vault trusts this issuer now; it was kept.");
            }
            throw e;
          }
          issuersChanged.run();
          return null;
        });
  }

  /**
   * Changes where an issuer's signing keys come from (its JWKS or discovery URL, and the CA bundle
   * to fetch them with); its issuer URL stays, since vaults trust it by that. Token validation on
   * this node reloads before this returns.
   */
  public Issuer updateIssuer(
      CallContext ctx, String issuerId, String jwksUri, String discoveryUrl, String caBundlePem) {
    boolean wellFormed = Ids.wellFormed(issuerId);
    return audit.run(
        wellFormed ? ctx.withDetails(Map.of("issuerId", issuerId)) : ctx,
        "UpdateIssuer",
        new Target(null, null, null),
        null,
        () -> {
          Issuer updated =
              db.inTransaction(
                  c -> {
                    Issuer old =
                        (wellFormed
                                ? issuers.find(c, issuerId)
                                : java.util.Optional.<Issuer>empty())
                            .orElseThrow(
                                () -> EkmError.NOT_FOUND.error("The issuer does not exist."));
                    Issuer next =
                        Requests.build(
                            () ->
                                new Issuer(
                                    old.id(),
                                    old.issuer(),
                                    Requests.url("jwksUri", jwksUri),
                                    Requests.url("discoveryUrl", discoveryUrl),
                                    Requests.pemOrNull(caBundlePem),
                                    old.createdAt()));
                    issuers.update(c, next);
                    return next;
                  });
          issuersChanged.run();
          return updated;
        });
  }

  private static RuntimeException inUse(int vaultCount) {
    return EkmError.CONFLICT.error(
        (vaultCount == 1 ? "1 vault still trusts" : vaultCount + " vaults still trust")
            + " this issuer; it can be removed only when no vault does.");
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
