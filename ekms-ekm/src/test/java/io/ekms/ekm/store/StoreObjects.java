package io.ekms.ekm.store;

import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.Issuer;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyHandle;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.KeyVersionState;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.domain.VaultState;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Domain values with fresh ids and names, so tests sharing one database never collide. Times are
 * whole milliseconds (what the store keeps) and strictly increasing, so list order is defined.
 */
final class StoreObjects {
  private static final AtomicLong CLOCK = new AtomicLong(1_700_000_000_000L);

  private StoreObjects() {}

  static Instant tick() {
    return Instant.ofEpochMilli(CLOCK.addAndGet(1000));
  }

  static String unique(String prefix) {
    return prefix + "-" + Ids.newKey().substring(4, 16);
  }

  static Issuer issuer() {
    return new Issuer(
        Ids.newIssuer(),
        "https://" + unique("issuer") + ".example",
        "https://idp.example/jwks",
        null,
        null,
        tick());
  }

  static Vault vault(String issuerId) {
    Instant now = tick();
    return new Vault(
        Ids.newVault(), unique("vault"), issuerId, "client-1", VaultState.ACTIVE, now, now);
  }

  static Key key(String vaultId, String name, String currentVersionId) {
    Instant now = tick();
    return new Key(
        Ids.newKey(),
        vaultId,
        name,
        256,
        KeyState.ACTIVE,
        Set.of(KeyOp.ENCRYPT, KeyOp.DECRYPT),
        currentVersionId,
        "software",
        now,
        now);
  }

  static KeyVersion version(String id, String keyId, int number) {
    Instant now = tick();
    KeyHandle handle = new KeyHandle("software", "sealed-" + id);
    return new KeyVersion(id, keyId, number, KeyVersionState.ACTIVE, handle, now, now);
  }
}
