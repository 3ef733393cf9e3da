package io.ekms.ekm.service;

import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.ekm.auth.TrustedIssuer;
import io.ekms.ekm.domain.gcp.AccessReason;
import io.ekms.ekm.domain.gcp.GcpKeyStore;
import io.ekms.ekm.domain.gcp.GcpKeyStore.ExposedKey;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.GcpRepository;
import io.ekms.ekm.store.Listed;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Admin use cases of Google Cloud EKM key stores: create and list them, allow and disallow service
 * accounts, expose and unexpose EKM keys by name, set the access reasons a store refuses. Every
 * change is audited and takes effect on this node at once, without a restart.
 */
public final class GcpAdmin {
  private final Database db;
  private final GcpDirectory directory;
  private final AuditTrail audit;
  private final Clock clock;
  private final Lookups lookups;
  private final GcpRepository repo = new GcpRepository();

  public GcpAdmin(Database db, GcpDirectory directory, AuditTrail audit, Clock clock) {
    this.db = db;
    this.directory = directory;
    this.audit = audit;
    this.clock = clock;
    this.lookups = new Lookups(db);
  }

  /** What a new key store is made of; null issuer and JWKS URL mean Google's. */
  public record NewStore(
      String name,
      String uriPrefix,
      String issuer,
      String jwksUrl,
      String caBundlePem,
      List<String> audiences,
      Integer ratePerSecond,
      Set<AccessReason> deniedReasons) {}

  public GcpKeyStore createStore(CallContext ctx, NewStore in) {
    if (in.name() == null || in.name().isBlank() || in.name().length() > 255) {
      throw EkmError.INVALID_REQUEST.error("Field 'name' must be 1 to 255 characters.");
    }
    String prefix = in.uriPrefix() == null ? "" : in.uriPrefix();
    if (!GcpKeyStore.validPrefix(prefix)) {
      throw EkmError.INVALID_REQUEST.error(
          "Field 'uriPrefix' must be up to 128 of [a-zA-Z0-9/_-], without leading or trailing /.");
    }
    String issuer = in.issuer() == null ? GcpKeyStore.GOOGLE_ISSUER : in.issuer();
    String jwks = in.jwksUrl() == null ? GcpKeyStore.GOOGLE_JWKS : in.jwksUrl();
    try {
      TrustedIssuer.ofJwksUri("gcp", issuer, jwks, in.caBundlePem());
    } catch (IllegalArgumentException e) {
      throw EkmError.INVALID_REQUEST.error(
          "Fields 'issuer', 'jwksUrl' and 'caBundlePem' are not valid: "
              + e.getMessage().replace("trusted issuer 'gcp': ", "")
              + ".");
    }
    List<String> audiences = in.audiences() == null ? List.of() : List.copyOf(in.audiences());
    if (audiences.isEmpty()
        || audiences.size() > 8
        || !audiences.stream().allMatch(GcpKeyStore::validAudience)) {
      throw EkmError.INVALID_REQUEST.error(
          "Field 'audiences' must list 1 to 8 audiences of printable ASCII without spaces.");
    }
    int rate = in.ratePerSecond() == null ? 0 : in.ratePerSecond();
    if (rate < 0 || rate > 1_000_000) {
      throw EkmError.INVALID_REQUEST.error("Field 'ratePerSecond' must be 0 to 1000000.");
    }
    GcpKeyStore store =
        new GcpKeyStore(
            "gcp-" + Randoms.hex(16),
            in.name(),
            prefix,
            issuer,
            jwks,
            in.caBundlePem(),
            audiences,
            rate,
            in.deniedReasons() == null ? Set.of() : in.deniedReasons(),
            List.of(),
            List.of());
    return change(
        ctx,
        "GcpCreateKeyStore",
        () -> {
          write(c -> repo.insertStore(c, store, clock.instant()));
          return store;
        });
  }

  /**
   * One page of the key stores as stored now, oldest first: {@code limit} and {@code page} as
   * {@link Pages} reads them.
   */
  public Pages.Page<GcpKeyStore> list(CallContext ctx, String limit, String pageToken) {
    return audit.run(
        ctx,
        "GcpListKeyStores",
        new Target(null, null, null),
        null,
        () -> {
          var page = Pages.query(limit, pageToken);
          return Pages.of(
                  db.withConnection(c -> repo.page(c, page)), page, Listed::createdAt, Listed::id)
              .map(Listed::item);
        });
  }

  /** Every key store this node serves, by name (the console's list). */
  public List<GcpKeyStore> list(CallContext ctx) {
    return audit.run(
        ctx, "GcpListKeyStores", new Target(null, null, null), null, directory::stores);
  }

  public void setDeniedReasons(CallContext ctx, String storeId, Set<AccessReason> denied) {
    change(
        ctx,
        "GcpSetDeniedReasons",
        () -> {
          if (!db.inTransaction(c -> repo.setDeniedReasons(c, storeId, denied))) {
            throw EkmError.NOT_FOUND.error("The Google key store does not exist.");
          }
          return null;
        });
  }

  /** Allows {@code email}; answers it as stored (lower case). */
  public String addServiceAccount(CallContext ctx, String storeId, String email) {
    find(storeId);
    String normal = GcpKeyStore.normalEmail(email);
    if (normal == null) {
      throw EkmError.INVALID_REQUEST.error("Field 'email' must be a service account's e-mail.");
    }
    return change(
        ctx,
        "GcpAddServiceAccount",
        () -> {
          write(c -> repo.insertServiceAccount(c, storeId, normal, clock.instant()));
          return normal;
        });
  }

  public void removeServiceAccount(CallContext ctx, String storeId, String email) {
    String normal = GcpKeyStore.normalEmail(email);
    change(
        ctx,
        "GcpRemoveServiceAccount",
        () -> {
          if (normal == null
              || !db.inTransaction(c -> repo.deleteServiceAccount(c, storeId, normal))) {
            throw EkmError.NOT_FOUND.error("The key store does not allow this service account.");
          }
          return null;
        });
  }

  public void putKey(CallContext ctx, String storeId, ExposedKey key) {
    find(storeId);
    if (!GcpKeyStore.validKeyName(key.keyName())) {
      throw EkmError.INVALID_REQUEST.error("keyName must be 1 to 128 of [A-Za-z0-9._-].");
    }
    change(
        ctx,
        "GcpPutKey",
        () -> {
          Checks.exposableKey(lookups.find(key.vaultId(), key.keyId(), null), "Google Cloud EKM");
          db.inTransaction(
              c -> {
                repo.putKey(c, storeId, key);
                return null;
              });
          return null;
        });
  }

  public void removeKey(CallContext ctx, String storeId, String keyName) {
    change(
        ctx,
        "GcpRemoveKey",
        () -> {
          if (!db.inTransaction(c -> repo.deleteKey(c, storeId, keyName))) {
            throw EkmError.NOT_FOUND.error("The key store exposes no such key.");
          }
          return null;
        });
  }

  private GcpKeyStore find(String storeId) {
    directory.changed();
    return directory.stores().stream()
        .filter(s -> s.id().equals(storeId))
        .findFirst()
        .orElseThrow(() -> EkmError.NOT_FOUND.error("The Google key store does not exist."));
  }

  private <T> T change(CallContext ctx, String op, Supplier<T> work) {
    try {
      return audit.run(ctx, op, new Target(null, null, null), null, work);
    } finally {
      directory.changed();
    }
  }

  private void write(VaultAdmin.SqlAction work) {
    VaultAdmin.writeUnique(db, work, "This name, URI prefix or service account is taken already.");
  }
}
