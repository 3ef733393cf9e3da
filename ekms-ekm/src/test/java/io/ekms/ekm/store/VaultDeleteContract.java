package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.gcp.GcpKeyStore;
import io.ekms.ekm.domain.policy.Policy;
import io.ekms.ekm.domain.policy.PolicyEffect;
import io.ekms.ekm.domain.policy.PolicyScope;
import io.ekms.ekm.domain.xks.XksKeyStore;
import io.ekms.ekm.domain.xks.XksUsage;
import io.ekms.ekm.store.VaultRepository.Dependents;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link VaultRepository#dependents} and {@link VaultRepository#deleteWithDeletedKeys}: what keeps
 * a vault, and that deleting one takes its DELETED keys and their versions, children first.
 */
abstract class VaultDeleteContract extends StoreContract {
  private final XksRepository xks = new XksRepository();
  private final GcpRepository gcp = new GcpRepository();
  private final PolicyRepository policies = new PolicyRepository();

  private Key markDeleted(Key key) {
    Key deleted = key.withState(KeyState.DELETED, StoreObjects.tick());
    write(c -> keys.update(c, deleted));
    return deleted;
  }

  private Dependents dependents(String vaultId) {
    return read(c -> vaults.dependents(c, vaultId));
  }

  private void attach(PolicyScope scope, String scopeId) {
    Instant t = StoreObjects.tick();
    Policy p =
        new Policy(
            "pol-" + Randoms.hex(16), "p", scope, scopeId, PolicyEffect.DENY, "false", 1, t, t);
    write(c -> policies.insert(c, p));
  }

  @Test
  void deleteWithDeletedKeys_onlyDeletedKeys_removesVaultKeysAndVersionsKeepsOthers() {
    Seeded doomed = seedKey();
    addVersion(doomed.key(), 2);
    markDeleted(doomed.key());
    Seeded kept = seedKey();

    Dependents none = dependents(doomed.vault().id());
    boolean deleted = read(c -> vaults.deleteWithDeletedKeys(c, doomed.vault().id()));
    boolean again = read(c -> vaults.deleteWithDeletedKeys(c, doomed.vault().id()));

    assertThat(none).isEqualTo(new Dependents(0, 0, 0));
    assertThat(none.none()).isTrue();
    assertThat(deleted).isTrue();
    assertThat(again).isFalse();
    assertThat(findVault(doomed.vault().id())).isEmpty();
    assertThat(findKey(doomed.vault().id(), doomed.key().id())).isEmpty();
    assertThat(listVersions(doomed.key().id())).isEmpty();
    assertThat(findVault(kept.vault().id())).isPresent();
    assertThat(findKey(kept.vault().id(), kept.key().id())).isPresent();
    assertThat(listVersions(kept.key().id())).hasSize(1);
  }

  @Test
  void deleteWithDeletedKeys_liveKey_isConstraintViolationAndKeepsEverything() {
    Seeded live = seedKey();
    Key gone = StoreObjects.key(live.vault().id(), StoreObjects.unique("gone"), null);
    write(c -> keys.insert(c, gone));
    markDeleted(gone);

    assertThat(dependents(live.vault().id())).isEqualTo(new Dependents(1, 0, 0));
    assertConstraintViolation(() -> write(c -> vaults.deleteWithDeletedKeys(c, live.vault().id())));

    assertThat(findVault(live.vault().id())).isPresent();
    assertThat(findKey(live.vault().id(), gone.id())).isPresent();
    assertThat(listVersions(live.key().id())).hasSize(1);
  }

  @Test
  void dependents_exposuresAndPolicies_countedForTheVaultOnly() {
    Seeded s = seedKey();
    Seeded other = seedKey();
    String suffix = Randoms.hex(16);
    XksKeyStore store =
        new XksKeyStore("xks-" + suffix, "x" + suffix, "x" + suffix, 0, List.of(), List.of());
    GcpKeyStore google =
        new GcpKeyStore(
            "gcp-" + suffix,
            "g" + suffix,
            "g" + suffix,
            GcpKeyStore.GOOGLE_ISSUER,
            GcpKeyStore.GOOGLE_JWKS,
            null,
            List.of("https://ekm.example"),
            0,
            Set.of(),
            List.of(),
            List.of());
    write(
        c -> {
          xks.insertStore(c, store, Instant.EPOCH);
          xks.putKey(
              c,
              store.id(),
              new XksKeyStore.ExposedKey("k", s.vault().id(), s.key().id(), XksUsage.NONE));
          xks.putKey(
              c,
              store.id(),
              new XksKeyStore.ExposedKey(
                  "other", other.vault().id(), other.key().id(), XksUsage.NONE));
          gcp.insertStore(c, google, Instant.EPOCH);
          gcp.putKey(c, google.id(), new GcpKeyStore.ExposedKey("k", s.vault().id(), s.key().id()));
        });
    attach(PolicyScope.VAULT, s.vault().id());
    attach(PolicyScope.KEY, s.key().id());
    attach(PolicyScope.VAULT, other.vault().id());
    markDeleted(s.key());

    Dependents held = dependents(s.vault().id());

    assertThat(held).isEqualTo(new Dependents(0, 2, 2));
    assertThat(held.none()).isFalse();
    assertConstraintViolation(() -> write(c -> vaults.deleteWithDeletedKeys(c, s.vault().id())));
    assertThat(findVault(s.vault().id())).isPresent();
    assertThat(listVersions(s.key().id())).hasSize(1);
    assertThat(dependents(other.vault().id())).isEqualTo(new Dependents(1, 1, 1));
  }
}
