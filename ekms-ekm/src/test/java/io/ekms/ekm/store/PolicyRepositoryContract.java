package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.domain.policy.Policy;
import io.ekms.ekm.domain.policy.PolicyEffect;
import io.ekms.ekm.domain.policy.PolicyScope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link PolicyRepository}: what a request meets is its vault's, key's and store's policies. */
abstract class PolicyRepositoryContract extends StoreContract {
  private final PolicyRepository policies = new PolicyRepository();

  private static Policy policy(PolicyScope scope, String scopeId, String name, String text) {
    Instant t = Instant.ofEpochMilli(1_700_000_000_000L);
    return new Policy(
        "pol-" + Randoms.hex(16), name, scope, scopeId, PolicyEffect.ALLOW, text, 1, t, t);
  }

  private static String id(String prefix) {
    return prefix + "-" + Randoms.hex(16);
  }

  @Test
  void applying_policiesOnVaultKeyAndStores_returnsOnlyTheRequestsOwn() {
    String vault = id("vlt");
    String key = id("key");
    String store = id("xks");
    Policy onVault = policy(PolicyScope.VAULT, vault, "v", "true");
    Policy onKey = policy(PolicyScope.KEY, key, "k", "true");
    Policy onStore = policy(PolicyScope.XKS_KEY_STORE, store, "s", "true");
    Policy otherKey = policy(PolicyScope.KEY, id("key"), "k", "true");
    Policy sameIdOtherScope = policy(PolicyScope.GCP_KEY_STORE, store, "g", "true");
    write(
        c -> {
          for (Policy p : List.of(onVault, onKey, onStore, otherKey, sameIdOtherScope)) {
            policies.insert(c, p);
          }
        });

    List<Policy> found =
        read(c -> policies.applying(c, vault, key, PolicyScope.XKS_KEY_STORE, store));
    List<Policy> withoutStore = read(c -> policies.applying(c, vault, key, null, null));

    assertThat(found).containsExactlyInAnyOrder(onVault, onKey, onStore);
    assertThat(withoutStore).containsExactlyInAnyOrder(onVault, onKey);
  }

  @Test
  void replace_atTheReadRevision_storesTheNewTextAndOnlyOnce() {
    Policy p = policy(PolicyScope.VAULT, id("vlt"), "p", "true");
    write(c -> policies.insert(c, p));
    Policy changed =
        new Policy(
            p.id(),
            p.name(),
            p.scope(),
            p.scopeId(),
            PolicyEffect.DENY,
            "caller == 'x'",
            2,
            p.createdAt(),
            p.updatedAt().plusSeconds(1));

    boolean first = read(c -> policies.replace(c, changed, 1));
    boolean stale = read(c -> policies.replace(c, changed, 1));

    assertThat(first).isTrue();
    assertThat(stale).isFalse();
    Optional<Policy> stored = read(c -> policies.find(c, p.id()));
    assertThat(stored).contains(changed);
  }

  @Test
  void delete_existing_goneFromListAndLookups() {
    String vault = id("vlt");
    Policy p = policy(PolicyScope.VAULT, vault, "p", "true");
    write(c -> policies.insert(c, p));

    List<Policy> listed = read(c -> policies.list(c, PolicyScope.VAULT, vault));
    boolean deleted = read(c -> policies.delete(c, p.id()));
    boolean again = read(c -> policies.delete(c, p.id()));
    List<Policy> after = read(c -> policies.applying(c, vault, null, null, null));

    assertThat(listed).containsExactly(p);
    assertThat(deleted).isTrue();
    assertThat(again).isFalse();
    assertThat(after).isEmpty();
  }
}
