package io.ekms.kms.service;

import io.ekms.core.db.Database;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.store.CryptoLookup;
import io.ekms.kms.store.KeyRepository;
import io.ekms.kms.store.KeyVersionRepository;
import io.ekms.kms.store.PrivateEndpointRepository;
import io.ekms.kms.store.VaultRepository;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Reads of KMS resources by id, answering 404 NotAuthorizedOrNotFound for anything absent, deleted
 * or malformed. Nothing is cached: state changes are seen by the next request.
 */
public final class Resources {
  final Database db;
  final VaultRepository vaults = new VaultRepository();
  final KeyRepository keys = new KeyRepository();
  final KeyVersionRepository versions = new KeyVersionRepository();
  final PrivateEndpointRepository endpoints = new PrivateEndpointRepository();
  private final CryptoLookup crypto = new CryptoLookup();

  public Resources(Database db) {
    this.db = db;
  }

  public Vault vault(String id) {
    return db.withConnection(c -> vault(c, id));
  }

  /** {@link #vault(String)} on a connection the caller holds (a transaction). */
  Vault vault(Connection c, String id) throws SQLException {
    if (!Ocids.isType(id, "vault")) {
      throw KmsError.notFound();
    }
    return vaults
        .find(c, id)
        .filter(v -> v.state() != Lifecycle.DELETED)
        .orElseThrow(KmsError::notFound);
  }

  /** The key, which must belong to {@code vaultId} (the vault of the endpoint called). */
  public Key key(String vaultId, String id) {
    if (!Ocids.isType(id, "key")) {
      throw KmsError.notFound();
    }
    return db.withConnection(c -> keys.find(c, id))
        .filter(k -> k.state() != Lifecycle.DELETED && k.vaultId().equals(vaultId))
        .orElseThrow(KmsError::notFound);
  }

  public KeyVersion version(Key key, String id) {
    if (!Ocids.isType(id, "keyversion")) {
      throw KmsError.notFound();
    }
    return db.withConnection(c -> versions.find(c, id))
        .filter(v -> v.state() != Lifecycle.DELETED && v.keyId().equals(key.id()))
        .orElseThrow(KmsError::notFound);
  }

  /** Key, version (named, else current) and vault of a crypto call, in one read. */
  public java.util.Optional<CryptoLookup.Found> forCrypto(String keyId, String versionId) {
    if (!Ocids.isType(keyId, "key")) {
      throw KmsError.notFound();
    }
    if (versionId != null && !Ocids.isType(versionId, "keyversion")) {
      throw KmsError.notFound();
    }
    return db.withConnection(c -> crypto.find(c, keyId, versionId));
  }

  public PrivateEndpoint endpoint(String id) {
    if (!Ocids.isType(id, "ekmsprivateendpoint")) {
      throw KmsError.notFound();
    }
    return db.withConnection(c -> endpoints.find(c, id))
        .filter(p -> p.state() != Lifecycle.DELETED)
        .orElseThrow(KmsError::notFound);
  }
}
