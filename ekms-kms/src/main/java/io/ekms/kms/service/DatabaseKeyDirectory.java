package io.ekms.kms.service;

import io.ekms.core.db.Database;
import io.ekms.kms.auth.KeyId;
import io.ekms.kms.auth.Principal;
import io.ekms.kms.auth.PublicKeyDirectory;
import io.ekms.kms.auth.PublicKeys;
import io.ekms.kms.store.ApiKeyRepository;
import io.ekms.kms.store.ApiKeyRepository.SigningKey;
import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link PublicKeyDirectory} of the metadata store, through {@link ApiKeyRepository}: the
 * signature verifier's one look-up, kept out of {@code auth} so that verification stays pure. Each
 * look-up is one primary-key query, so a key removed on any node stops working at once; what is
 * cached is only the parsed {@link PublicKey}, keyed by the stored PEM (which never changes for a
 * given row), so no request pays for parsing a key twice.
 */
public final class DatabaseKeyDirectory implements PublicKeyDirectory {
  /** Bounds the parse cache; past it the cache starts over (keys re-parse once each). */
  static final int MAX_CACHED_KEYS = 10_000;

  private final Database db;
  private final ApiKeyRepository keys = new ApiKeyRepository();
  private final ConcurrentHashMap<String, PublicKey> parsed = new ConcurrentHashMap<>();

  public DatabaseKeyDirectory(Database db) {
    this.db = db;
  }

  @Override
  public Optional<RegisteredKey> find(KeyId keyId) {
    Optional<SigningKey> row =
        db.withConnection(c -> keys.findSigningKey(c, keyId.userId(), keyId.fingerprint()));
    if (row.isEmpty() || !row.get().tenancyId().equals(keyId.tenancyId())) {
      return Optional.empty();
    }
    Principal principal = new Principal(keyId.tenancyId(), keyId.userId(), keyId.fingerprint());
    return Optional.of(new RegisteredKey(principal, parsed(row.get().publicKeyPem())));
  }

  private PublicKey parsed(String pem) {
    PublicKey key = parsed.get(pem);
    if (key == null) {
      key = PublicKeys.parsePem(pem);
      if (parsed.size() >= MAX_CACHED_KEYS) {
        parsed.clear();
      }
      parsed.put(pem, key);
    }
    return key;
  }
}
