package io.ekms.kms.store;

import static io.ekms.kms.store.KmsRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Insert, find and update of every resource; nullable columns read back as null. */
abstract class ResourceRoundTripContract extends KmsStoreContract {
  private static final Instant LATER = T0.plus(Duration.ofHours(1));
  private static final Instant DELETION = T0.plus(Duration.ofDays(30));

  @Test
  void privateEndpoint_insertThenFind_readsBackEqualWithNulls() {
    PrivateEndpoint p = seedEndpoint(KmsRecords.compartment(), T0);

    assertThat(findEndpoint(p.id())).contains(p);
    assertThat(p.subnetId()).isNull();
  }

  @Test
  void privateEndpoint_update_changesNameAndStateButNeverHostPortOrCa() {
    PrivateEndpoint p = seedEndpoint(KmsRecords.compartment(), T0);
    PrivateEndpoint renamed =
        p.withDisplayName("renamed", LATER).withState(Lifecycle.DELETED, LATER);
    PrivateEndpoint moved =
        new PrivateEndpoint(
            p.id(),
            p.compartmentId(),
            renamed.displayName(),
            "subnet",
            "evil.example.com",
            1,
            "other CA",
            renamed.state(),
            p.timeCreated(),
            LATER);

    write(c -> endpoints.update(c, moved));

    assertThat(findEndpoint(p.id())).contains(renamed);
  }

  @Test
  void vault_insertThenFind_readsBackEqualWithNullDeletionAndVendor() {
    Vault v = seedVault(KmsRecords.compartment(), T0);

    assertThat(findVault(v.id())).contains(v);
    assertThat(findVault(v.id()).orElseThrow().timeOfDeletion()).isNull();
    assertThat(findVault(v.id()).orElseThrow().vendor()).isNull();
  }

  @Test
  void vault_deletionTimeSetThenCleared_roundTripsBothWays() {
    Vault v = seedVault(KmsRecords.compartment(), T0);
    Vault pending = v.withState(Lifecycle.PENDING_DELETION, DELETION, LATER);
    write(c -> vaults.update(c, pending));
    assertThat(findVault(v.id())).contains(pending);

    Vault back = pending.withState(Lifecycle.ACTIVE, null, LATER.plusMillis(1));
    write(c -> vaults.update(c, back));

    assertThat(findVault(v.id())).contains(back);
    assertThat(findVault(v.id()).orElseThrow().timeOfDeletion()).isNull();
  }

  @Test
  void vault_update_keepsUrlClientAndSealedSecret() {
    Vault v = seedVault(KmsRecords.compartment(), T0);
    Vault changed =
        new Vault(
            v.id(),
            v.compartmentId(),
            "renamed",
            v.state(),
            "https://elsewhere.example.com",
            v.privateEndpointId(),
            "https://other-identity.example.com",
            "other-client",
            "b3RoZXI=",
            "vendor",
            v.timeCreated(),
            LATER,
            null);

    write(c -> vaults.update(c, changed));

    assertThat(findVault(v.id())).contains(v.withDisplayName("renamed", LATER));
  }

  @Test
  void key_pendingDeletionThenRestored_roundTripsStateBeforeAndDeletionTime() {
    Key k = seedKey();
    assertThat(findKey(k.id())).contains(k);
    Key pending = k.withState(Lifecycle.PENDING_DELETION, Lifecycle.DISABLED, DELETION, LATER);
    write(c -> keys.update(c, pending));
    assertThat(findKey(k.id())).contains(pending);

    Key back = pending.withState(Lifecycle.DISABLED, null, null, LATER.plusMillis(1));
    write(c -> keys.update(c, back));

    assertThat(findKey(k.id())).contains(back);
    Optional<Key> locked = db.inTransaction(c -> keys.findForUpdate(c, k.id()));
    assertThat(locked).contains(back);
  }

  @Test
  void key_update_recordsCurrentVersionAndName() {
    Key k = seedKey();
    KeyVersion v = seedVersion(k, T0);
    Key next = k.withCurrentVersion(v.id(), LATER).withDisplayName("named", LATER);

    write(c -> keys.update(c, next));

    assertThat(findKey(k.id())).contains(next);
  }

  @Test
  void keyVersion_insertUpdateAndClear_roundTrips() {
    KeyVersion v = seedVersion(seedKey(), T0);
    assertThat(findVersion(v.id())).contains(v);
    KeyVersion pending = v.withState(Lifecycle.PENDING_DELETION, DELETION, LATER);
    write(c -> versions.update(c, pending));
    assertThat(findVersion(v.id())).contains(pending);

    KeyVersion back = pending.withState(Lifecycle.ENABLED, null, LATER.plusMillis(1));
    write(c -> versions.update(c, back));

    assertThat(findVersion(v.id())).contains(back);
  }

  @Test
  void find_unknownIds_areEmpty() {
    assertThat(findEndpoint("ocid1.ekmsprivateendpoint.oc1..nothere")).isEmpty();
    assertThat(findVault("ocid1.vault.oc1..nothere")).isEmpty();
    assertThat(findKey("ocid1.key.oc1..nothere")).isEmpty();
    assertThat(findVersion("ocid1.keyversion.oc1..nothere")).isEmpty();
  }
}
