package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.KeyVersionState;
import io.ekms.ekm.store.CryptoLookup.Found;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link CryptoLookup}: vault, issuer, key and one version in a single query. */
abstract class CryptoLookupContract extends StoreContract {
  private final CryptoLookup lookup = new CryptoLookup();

  private Optional<Found> find(String vaultId, String keyId, String versionId) {
    return read(c -> lookup.find(c, vaultId, keyId, versionId));
  }

  @Test
  void find_keyWithoutVersion_returnsVaultIssuerKeyAndCurrentVersion() {
    Seeded s = seedKey();

    Found found = find(s.vault().id(), s.key().id(), null).orElseThrow();

    assertThat(found.vault()).isEqualTo(s.vault());
    assertThat(found.issuer()).isEqualTo(s.issuer().issuer());
    assertThat(found.key()).contains(s.key());
    assertThat(found.version()).contains(s.v1());
  }

  @Test
  void find_afterCurrentVersionChanged_followsItAndStillFindsNamedOldVersion() {
    Seeded s = seedKey();
    KeyVersion v2 = addVersion(s.key(), 2);
    Key rotated = s.key().withCurrentVersion(v2.id(), StoreObjects.tick());
    write(c -> keys.update(c, rotated));

    assertThat(find(s.vault().id(), s.key().id(), null).orElseThrow().version()).contains(v2);
    Found old = find(s.vault().id(), s.key().id(), s.v1().id()).orElseThrow();
    assertThat(old.key()).contains(rotated);
    assertThat(old.version()).contains(s.v1());
  }

  @Test
  void find_noKeyId_returnsVaultOnly() {
    Seeded s = seedKey();

    Found found = find(s.vault().id(), null, null).orElseThrow();

    assertThat(found.vault()).isEqualTo(s.vault());
    assertThat(found.issuer()).isEqualTo(s.issuer().issuer());
    assertThat(found.key()).isEmpty();
    assertThat(found.version()).isEmpty();
  }

  @Test
  void find_unknownKeyOrKeyOfAnotherVault_returnsVaultWithoutKey() {
    Seeded s = seedKey();
    Seeded other = seedKey();

    for (String keyId : new String[] {Ids.newKey(), other.key().id()}) {
      Found found = find(s.vault().id(), keyId, null).orElseThrow();
      assertThat(found.vault()).isEqualTo(s.vault());
      assertThat(found.key()).isEmpty();
      assertThat(found.version()).isEmpty();
    }
  }

  @Test
  void find_unknownVersionOrVersionOfAnotherKey_returnsKeyWithoutVersion() {
    Seeded s = seedKey();
    Seeded other = seedKey();

    for (String versionId : new String[] {Ids.newKeyVersion(), other.v1().id()}) {
      Found found = find(s.vault().id(), s.key().id(), versionId).orElseThrow();
      assertThat(found.key()).contains(s.key());
      assertThat(found.version()).isEmpty();
    }
  }

  @Test
  void find_keyWithoutCurrentVersion_returnsKeyWithoutVersion() {
    Seeded s = seedKey();
    Key bare = StoreObjects.key(s.vault().id(), "no versions", null);
    write(c -> keys.insert(c, bare));

    Found found = find(s.vault().id(), bare.id(), null).orElseThrow();

    assertThat(found.key()).contains(bare);
    assertThat(found.version()).isEmpty();
  }

  @Test
  void find_destroyedVersion_returnsItWithoutHandle() {
    Seeded s = seedKey();
    KeyVersion v2 = addVersion(s.key(), 2);
    KeyVersion destroyed = v2.withState(KeyVersionState.DESTROYED, StoreObjects.tick());
    write(c -> versions.updateState(c, destroyed));

    Found found = find(s.vault().id(), s.key().id(), v2.id()).orElseThrow();

    assertThat(found.version()).contains(destroyed);
    assertThat(found.version().orElseThrow().handle()).isNull();
  }

  @Test
  void find_unknownVault_returnsEmpty() {
    Seeded s = seedKey();

    assertThat(find(Ids.newVault(), null, null)).isEmpty();
    assertThat(find(Ids.newVault(), s.key().id(), s.v1().id())).isEmpty();
  }
}
