package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.ekm.domain.gcp.GcpKeyStore;
import io.ekms.ekm.store.GcpRepository;
import java.util.List;
import java.util.Optional;

/**
 * The Google key stores, read from the database and kept for at most {@link #TTL_NANOS}; a change
 * made through this node's admin API is seen at once ({@link #changed}), one made on another node
 * within the TTL. What is kept serves only to find a request's store and check its token (path,
 * issuer, audiences, service accounts, denied reasons); the exposed keys are read afresh for every
 * request ({@link #exposedKey}), so an unexposed key is refused by every node on its next request.
 */
public final class GcpDirectory {
  static final long TTL_NANOS = 2_000_000_000L;
  private final Database db;
  private final GcpRepository repo = new GcpRepository();
  private volatile Snapshot snapshot;

  private record Snapshot(List<GcpKeyStore> stores, long loadedAt) {}

  public GcpDirectory(Database db) {
    this.db = db;
  }

  /** The store whose base path {@code path} starts with, the longest prefix winning. */
  public Optional<GcpKeyStore> byPath(String path) {
    GcpKeyStore best = null;
    for (GcpKeyStore s : stores()) {
      if (path.startsWith(s.basePath() + "/")
          && (best == null || s.uriPrefix().length() > best.uriPrefix().length())) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  public List<GcpKeyStore> stores() {
    Snapshot s = snapshot;
    if (s == null || System.nanoTime() - s.loadedAt() > TTL_NANOS) {
      s = new Snapshot(db.withConnection(repo::all), System.nanoTime());
      snapshot = s;
    }
    return s.stores();
  }

  /** The key {@code keyName} of store {@code storeId}, read from the database now. */
  public Optional<GcpKeyStore.ExposedKey> exposedKey(String storeId, String keyName) {
    return db.withConnection(c -> repo.key(c, storeId, keyName));
  }

  /** Forgets the cached stores; the next request reads them again. */
  public void changed() {
    snapshot = null;
  }
}
