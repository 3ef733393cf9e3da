package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.KeyVersionState;
import io.ekms.ekm.domain.Vault;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link KeyRepository} and {@link KeyVersionRepository} on one store. */
abstract class KeyRepositoryContract extends StoreContract {
  @Test
  void keyInsert_thenFind_returnsEqualKey() {
    Vault vault = seedVault();
    Key key =
        new Key(
            Ids.newKey(),
            vault.id(),
            "payments key",
            128,
            KeyState.ACTIVE,
            Set.of(KeyOp.DECRYPT),
            null,
            "software",
            StoreObjects.tick(),
            StoreObjects.tick());

    write(c -> keys.insert(c, key));

    assertThat(findKey(vault.id(), key.id())).contains(key);
    Optional<Key> locked = read(c -> keys.findForUpdate(c, vault.id(), key.id()));
    assertThat(locked).contains(key);
    assertThat(findKey(seedVault().id(), key.id())).isEmpty();
    assertThat(findKey(vault.id(), Ids.newKey())).isEmpty();
  }

  @Test
  void keyList_vaultWithKeys_returnsOnlyItsKeysInCreationOrder() {
    Seeded a = seedKey();
    Key second = StoreObjects.key(a.vault().id(), "second", null);
    write(c -> keys.insert(c, second));
    seedKey();

    List<Key> listed = read(c -> keys.list(c, a.vault().id()));
    List<Key> none = read(c -> keys.list(c, Ids.newVault()));

    assertThat(listed).containsExactly(a.key(), second);
    assertThat(none).isEmpty();
  }

  @Test
  void keyInsert_sameNameTwiceInVault_isConstraintViolation() {
    Seeded s = seedKey();
    Key again = StoreObjects.key(s.vault().id(), s.key().name(), null);

    assertConstraintViolation(() -> write(c -> keys.insert(c, again)));
    Key elsewhere = StoreObjects.key(seedVault().id(), s.key().name(), null);
    write(c -> keys.insert(c, elsewhere));
    assertThat(findKey(elsewhere.vaultId(), elsewhere.id())).contains(elsewhere);
  }

  @Test
  void keyUpdate_ops_areStoredAndTheOtherKeysKeepTheirs() {
    Seeded s = seedKey();
    Seeded other = seedKey();
    Key decryptOnly = s.key().withOps(Set.of(KeyOp.DECRYPT), StoreObjects.tick());

    write(c -> keys.update(c, decryptOnly));

    assertThat(findKey(s.vault().id(), s.key().id())).contains(decryptOnly);
    assertThat(findKey(other.vault().id(), other.key().id())).contains(other.key());
  }

  @Test
  void keyUpdate_stateAndCurrentVersion_areStored() {
    Seeded s = seedKey();
    KeyVersion v2 = addVersion(s.key(), 2);
    Key changed =
        s.key()
            .withCurrentVersion(v2.id(), StoreObjects.tick())
            .withState(KeyState.DISABLED, StoreObjects.tick());

    write(c -> keys.update(c, changed));

    assertThat(findKey(s.vault().id(), s.key().id())).contains(changed);
  }

  @Test
  void versionInsert_thenFindAndList_returnsThemInNumberOrder() {
    Seeded s = seedKey();
    KeyVersion v3 = addVersion(s.key(), 3);
    KeyVersion v2 = addVersion(s.key(), 2);

    assertThat(findVersion(s.key().id(), v2.id())).contains(v2);
    assertThat(listVersions(s.key().id())).containsExactly(s.v1(), v2, v3);
    assertThat(maxNumber(s.key().id())).isEqualTo(3);
    assertThat(findVersion(seedKey().key().id(), v2.id())).isEmpty();
  }

  @Test
  void maxNumber_keyWithoutVersions_isZero() {
    assertThat(maxNumber(Ids.newKey())).isZero();
  }

  @Test
  void versionInsert_sameNumberTwice_isConstraintViolation() {
    Seeded s = seedKey();
    KeyVersion again = StoreObjects.version(Ids.newKeyVersion(), s.key().id(), 1);

    assertConstraintViolation(() -> write(c -> versions.insert(c, again, "software")));
    assertThat(listVersions(s.key().id())).containsExactly(s.v1());
  }

  @Test
  void versionUpdateState_disabled_keepsHandle() {
    Seeded s = seedKey();
    KeyVersion disabled = s.v1().withState(KeyVersionState.DISABLED, StoreObjects.tick());

    write(c -> versions.updateState(c, disabled));

    assertThat(findVersion(s.key().id(), s.v1().id())).contains(disabled);
    assertThat(storedHandle(s.v1().id())).isEqualTo(s.v1().handle().reference());
  }

  @Test
  void versionUpdateState_destroyed_erasesHandleInRow() {
    Seeded s = seedKey();
    KeyVersion destroyed = s.v1().withState(KeyVersionState.DESTROYED, StoreObjects.tick());

    write(c -> versions.updateState(c, destroyed));

    assertThat(findVersion(s.key().id(), s.v1().id())).contains(destroyed);
    assertThat(storedHandle(s.v1().id())).isNull();
  }

  private int maxNumber(String keyId) {
    return read(c -> versions.maxNumber(c, keyId));
  }

  private String storedHandle(String versionId) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT handle FROM ekm_key_versions WHERE id = ?")) {
            ps.setString(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
              assertThat(rs.next()).isTrue();
              return rs.getString(1);
            }
          }
        });
  }
}
