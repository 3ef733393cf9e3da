package io.ekms.ekm.server;

import io.ekms.core.db.Database;
import io.ekms.ekm.auth.TrustedIssuer;
import io.ekms.ekm.domain.Issuer;
import io.ekms.ekm.store.IssuerRepository;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Trusted issuers by their {@code iss} value, for the token validator. The list is reloaded when an
 * admin changes it and at most every few seconds otherwise, so another node's change is seen
 * quickly without a query per request.
 */
final class IssuerDirectory {
  private static final long MAX_AGE_NANOS = 5_000_000_000L;
  private final Database db;
  private final IssuerRepository repository = new IssuerRepository();
  private volatile Map<String, TrustedIssuer> byIssuer = Map.of();
  private volatile long loadedAt = Long.MIN_VALUE / 2;

  IssuerDirectory(Database db) {
    this.db = db;
  }

  Optional<TrustedIssuer> find(String iss) {
    if (System.nanoTime() - loadedAt > MAX_AGE_NANOS) {
      reload();
    }
    return Optional.ofNullable(byIssuer.get(iss));
  }

  void changed() {
    reload();
  }

  private synchronized void reload() {
    byIssuer =
        db.withConnection(repository::list).stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    Issuer::issuer, IssuerDirectory::toTrusted, (a, b) -> a));
    loadedAt = System.nanoTime();
  }

  private static TrustedIssuer toTrusted(Issuer i) {
    return new TrustedIssuer(i.id(), i.issuer(), i.jwksUri(), i.discoveryUrl(), i.caBundlePem());
  }
}
