package io.ekms.ekm.auth.xks;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SigV4 signing keys of a secret no credential has (random, made once per verifier), for requests
 * naming an unknown access key id: the verifier computes and compares their signature exactly as
 * for a known key, so neither the answer nor its timing tells whether a key id exists. Keys are
 * cached per day and region like real ones; the cache is cleared when it reaches {@link #MAX}.
 */
final class DummySigningKeys {
  static final int MAX = 64;
  private final SecretBytes secret = SecretBytes.adopt(Randoms.bytes(40));
  private final ConcurrentHashMap<String, byte[]> keys = new ConcurrentHashMap<>();

  byte[] of(SigV4Verifier.Scope scope) {
    String cacheKey = scope.date() + "|" + scope.region();
    byte[] key = keys.get(cacheKey);
    if (key == null) {
      key = SigV4Verifier.signingKey(secret, scope);
      if (keys.size() >= MAX) {
        keys.clear();
      }
      keys.put(cacheKey, key);
    }
    return key;
  }
}
