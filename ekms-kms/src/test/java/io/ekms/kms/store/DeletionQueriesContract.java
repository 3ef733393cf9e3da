package io.ekms.kms.store;

import static io.ekms.kms.store.KmsRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.db.StoreException;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Vault;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The queries behind deletion and usage: due rows, counts, whole-vault lists, uniqueness. */
abstract class DeletionQueriesContract extends KmsStoreContract {
  private static final Instant NOW = T0.plus(Duration.ofDays(40));

  @Test
  void keys_dueForDeletion_onlyPendingAtOrBeforeNow() {
    Key due = pendingKey(NOW.minusSeconds(1));
    Key dueExactly = pendingKey(NOW);
    Key notYet = pendingKey(NOW.plusMillis(1));
    Key enabledWithTime = seedKey().withState(Lifecycle.ENABLED, null, NOW.minusSeconds(1), T0);
    write(c -> keys.update(c, enabledWithTime));

    assertThat(ids(db.withConnection(c -> keys.dueForDeletion(c, NOW))))
        .contains(due.id(), dueExactly.id())
        .doesNotContain(notYet.id(), enabledWithTime.id());
  }

  @Test
  void keyVersions_dueForDeletion_onlyPendingAtOrBeforeNow() {
    Key key = seedKey();
    KeyVersion due = pendingVersion(key, NOW);
    KeyVersion notYet = pendingVersion(key, NOW.plusSeconds(1));
    KeyVersion deleted = seedVersion(key, T0).withState(Lifecycle.DELETED, NOW.minusSeconds(9), T0);
    write(c -> versions.update(c, deleted));

    assertThat(ids(db.withConnection(c -> versions.dueForDeletion(c, NOW))))
        .contains(due.id())
        .doesNotContain(notYet.id(), deleted.id());
  }

  @Test
  void vaults_dueForDeletion_onlyPendingAtOrBeforeNow() {
    Vault due = pendingVault(NOW.minusMillis(1));
    Vault notYet = pendingVault(NOW.plusMillis(1));
    Vault active = seedVault(KmsRecords.compartment(), T0);

    assertThat(ids(db.withConnection(c -> vaults.dueForDeletion(c, NOW))))
        .contains(due.id())
        .doesNotContain(notYet.id(), active.id());
  }

  @Test
  void countInVault_countsKeysAndVersionsNotDeleted() {
    String compartment = KmsRecords.compartment();
    Vault vault = seedVault(compartment, T0);
    Key one = seedKey(vault, compartment, T0);
    Key two = seedKey(vault, KmsRecords.compartment(), T0);
    Key gone = seedKey(vault, compartment, T0);
    write(c -> keys.update(c, gone.withState(Lifecycle.DELETED, null, null, T0)));
    seedVersion(one, T0);
    seedVersion(two, T0);
    KeyVersion goneVersion = seedVersion(two, T0);
    write(c -> versions.update(c, goneVersion.withState(Lifecycle.DELETED, null, T0)));
    seedVersion(seedKey(), T0);

    assertThat(db.withConnection(c -> keys.countInVault(c, vault.id())).intValue()).isEqualTo(2);
    assertThat(db.withConnection(c -> versions.countInVault(c, vault.id())).intValue())
        .isEqualTo(2);
  }

  @Test
  void listAllInVault_everyCompartmentAndState_inCreationOrder() {
    String compartment = KmsRecords.compartment();
    Vault vault = seedVault(compartment, T0);
    Key second = seedKey(vault, KmsRecords.compartment(), T0.plusMillis(2));
    Key first = seedKey(vault, compartment, T0.plusMillis(1));
    Key deleted = seedKey(vault, compartment, T0.plusMillis(3));
    write(c -> keys.update(c, deleted.withState(Lifecycle.DELETED, null, null, T0)));
    seedKey(seedVault(compartment, T0), compartment, T0);

    assertThat(ids(db.withConnection(c -> keys.listAllInVault(c, vault.id()))))
        .containsExactly(first.id(), second.id(), deleted.id());
  }

  @Test
  void listAll_everyVersionOfTheKey() {
    Key key = seedKey();
    KeyVersion a = seedVersion(key, T0.plusMillis(1));
    KeyVersion b = seedVersion(key, T0.plusMillis(2));
    seedVersion(seedKey(), T0);

    assertThat(ids(db.withConnection(c -> versions.listAll(c, key.id()))))
        .containsExactly(a.id(), b.id());
  }

  @Test
  void countVaultsUsing_ignoresDeletedVaults() {
    Vault vault = seedVault(KmsRecords.compartment(), T0);
    String endpoint = vault.privateEndpointId();
    assertThat(db.withConnection(c -> endpoints.countVaultsUsing(c, endpoint)).intValue())
        .isEqualTo(1);

    write(c -> vaults.update(c, vault.withState(Lifecycle.DELETED, null, T0)));

    assertThat(db.withConnection(c -> endpoints.countVaultsUsing(c, endpoint)).intValue()).isZero();
  }

  @Test
  void keyVersion_sameExternalVersionTwice_isDuplicateKey() {
    Key key = seedKey();
    KeyVersion v = seedVersion(key, T0);
    KeyVersion again = KmsRecords.version(key, v.externalKeyVersionId(), T0);

    assertThatThrownBy(() -> write(c -> versions.insert(c, again)))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isDuplicateKey()).isTrue());
    assertThat(findVersion(again.id())).isEmpty();
  }

  @Test
  void keyVersion_sameExternalVersionUnderAnotherKey_isAllowed() {
    KeyVersion v = seedVersion(seedKey(), T0);
    KeyVersion other = KmsRecords.version(seedKey(), v.externalKeyVersionId(), T0);

    write(c -> versions.insert(c, other));

    assertThat(findVersion(other.id())).contains(other);
  }

  @Test
  void vault_unknownPrivateEndpoint_isConstraintViolationNotDuplicate() {
    Vault v = KmsRecords.vault(KmsRecords.compartment(), "ocid1.ekmsprivateendpoint.oc1..none", T0);

    assertThatThrownBy(() -> write(c -> vaults.insert(c, v)))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.isConstraintViolation()).isTrue();
              assertThat(e.isDuplicateKey()).isFalse();
            });
  }

  private Key pendingKey(Instant deletion) {
    Key k = seedKey().withState(Lifecycle.PENDING_DELETION, Lifecycle.ENABLED, deletion, T0);
    write(c -> keys.update(c, k));
    return k;
  }

  private KeyVersion pendingVersion(Key key, Instant deletion) {
    KeyVersion v = seedVersion(key, T0).withState(Lifecycle.PENDING_DELETION, deletion, T0);
    write(c -> versions.update(c, v));
    return v;
  }

  private Vault pendingVault(Instant deletion) {
    Vault v =
        seedVault(KmsRecords.compartment(), T0).withState(Lifecycle.PENDING_DELETION, deletion, T0);
    write(c -> vaults.update(c, v));
    return v;
  }
}
