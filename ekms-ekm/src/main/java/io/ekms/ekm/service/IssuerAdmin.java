package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.Issuer;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.IssuerRepository;
import io.ekms.ekm.store.VaultRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Admin use cases of trusted token issuers: add, list, update where their keys come from, remove
 * one no vault trusts. Each is audited; after each change token validation on this node reloads its
 * issuers before the call returns.
 */
public final class IssuerAdmin {
  private final Database db;
  private final AuditTrail audit;
  private final Clock clock;
  private final Runnable issuersChanged;
  private final IssuerRepository issuers = new IssuerRepository();
  private final VaultRepository vaults = new VaultRepository();

  /** {@code issuersChanged} runs after the issuer list changed (token validation reloads it). */
  public IssuerAdmin(Database db, AuditTrail audit, Clock clock, Runnable issuersChanged) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
    this.issuersChanged = issuersChanged;
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
          VaultAdmin.writeUnique(
              db,
              c -> issuers.insert(c, created),
              "An issuer with this issuer URL already exists.");
          issuersChanged.run();
          return created;
        });
  }

  /**
   * One page of the trusted issuers, oldest first: {@code limit} and {@code page} as {@link Pages}
   * reads them.
   */
  public Pages.Page<Issuer> listIssuers(CallContext ctx, String limit, String pageToken) {
    return audit.run(
        ctx,
        "ListIssuers",
        new Target(null, null, null),
        null,
        () -> {
          var page = Pages.query(limit, pageToken);
          return Pages.of(
              db.withConnection(c -> issuers.page(c, page)), page, Issuer::createdAt, Issuer::id);
        });
  }

  /** Every trusted issuer, oldest first (the console's list). */
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
}
