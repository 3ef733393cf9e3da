package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.store.CryptoLookup;
import io.ekms.ekm.store.CryptoLookup.Found;
import java.util.Optional;

/** Reads for crypto requests, short-circuiting ids that cannot exist. */
public final class Lookups {
  private final Database db;
  private final CryptoLookup lookup = new CryptoLookup();

  public Lookups(Database db) {
    this.db = db;
  }

  public Optional<Found> find(String vaultId, String keyId, String versionId) {
    if (!Ids.wellFormed(vaultId)) {
      return Optional.empty();
    }
    String key = keyId != null && !Ids.wellFormed(keyId) ? "none" : keyId;
    String version = versionId != null && !Ids.wellFormed(versionId) ? "none" : versionId;
    return db.withConnection(c -> lookup.find(c, vaultId, key, version));
  }
}
