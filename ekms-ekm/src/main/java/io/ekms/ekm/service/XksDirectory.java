package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.ekm.domain.xks.XksKeyStore;
import io.ekms.ekm.store.XksRepository;
import java.util.List;
import java.util.Optional;

/**
 * The key stores, read from the database and kept for at most {@link #TTL_NANOS}; a change made
 * through this node's admin API is seen at once ({@link #changed}), one made on another node
 * sharing the database within the TTL. No restart is ever needed. What is kept serves only to find
 * a request's store and verify its signature (paths and SigV4 credentials, like a JWKS cache);
 * which keys a store exposes is read afresh for every request ({@link #exposedKey}), so a key
 * withdrawn through any node is refused by every node on its next request.
 */
public final class XksDirectory {
  static final long TTL_NANOS = 2_000_000_000L;
  private final Database db;
  private final XksRepository repo = new XksRepository();
  private volatile Snapshot snapshot;

  private record Snapshot(List<XksKeyStore> stores, long loadedAt) {}

  public XksDirectory(Database db) {
    this.db = db;
  }

  /** The store whose base path {@code path} starts with, the longest prefix winning. */
  public Optional<XksKeyStore> byPath(String path) {
    XksKeyStore best = null;
    for (XksKeyStore s : stores()) {
      if (path.startsWith(s.basePath() + "/")
          && (best == null || s.uriPrefix().length() > best.uriPrefix().length())) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  public List<XksKeyStore> stores() {
    Snapshot s = snapshot;
    if (s == null || System.nanoTime() - s.loadedAt() > TTL_NANOS) {
      s = new Snapshot(db.withConnection(repo::all), System.nanoTime());
      snapshot = s;
    }
    return s.stores();
  }

  /** The key {@code externalKeyId} of store {@code storeId}, read from the database now. */
  public Optional<XksKeyStore.ExposedKey> exposedKey(String storeId, String externalKeyId) {
    return db.withConnection(c -> repo.key(c, storeId, externalKeyId));
  }

  /** Forgets the cached stores; the next request reads them again. */
  public void changed() {
    snapshot = null;
  }
}
