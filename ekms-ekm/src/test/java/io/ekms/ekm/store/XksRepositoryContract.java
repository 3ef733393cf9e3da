package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.domain.xks.XksKeyStore;
import io.ekms.ekm.domain.xks.XksKeyStore.Credential;
import io.ekms.ekm.domain.xks.XksKeyStore.ExposedKey;
import io.ekms.ekm.domain.xks.XksUsage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link XksRepository}: deleting a key store takes its credentials and exposures, not keys; its
 * rate changes alone.
 */
abstract class XksRepositoryContract extends StoreContract {
  private final XksRepository xks = new XksRepository();

  private String seedStore(Seeded seeded) {
    String suffix = Randoms.hex(16);
    XksKeyStore store =
        new XksKeyStore("xks-" + suffix, "s" + suffix, "p" + suffix, 0, List.of(), List.of());
    String akid = "AKIA" + Randoms.hex(8).toUpperCase().replaceAll("[0189]", "A");
    write(
        c -> {
          xks.insertStore(c, store, Instant.EPOCH);
          xks.insertCredential(c, store.id(), new Credential(akid, "sealed"), Instant.EPOCH);
          xks.putKey(
              c,
              store.id(),
              new ExposedKey("k", seeded.vault().id(), seeded.key().id(), XksUsage.NONE));
        });
    return store.id();
  }

  private Optional<ExposedKey> exposed(String storeId) {
    return read(c -> xks.key(c, storeId, "k"));
  }

  private List<XksKeyStore> stores() {
    return read(xks::all);
  }

  @Test
  void deleteStore_withCredentialAndKey_removesThemKeepsOtherStoresAndTheKey() {
    Seeded seeded = seedKey();
    String doomed = seedStore(seeded);
    String kept = seedStore(seeded);

    boolean deleted = read(c -> xks.deleteStore(c, doomed));
    boolean again = read(c -> xks.deleteStore(c, doomed));

    assertThat(deleted).isTrue();
    assertThat(again).isFalse();
    assertThat(stores()).extracting(XksKeyStore::id).contains(kept).doesNotContain(doomed);
    assertThat(exposed(doomed)).isEmpty();
    assertThat(exposed(kept)).isPresent();
    assertThat(findKey(seeded.vault().id(), seeded.key().id())).isPresent();
  }

  @Test
  void updateRate_knownThenUnknownStore_changesOnlyThatStore() {
    Seeded seeded = seedKey();
    String changed = seedStore(seeded);
    String kept = seedStore(seeded);

    boolean updated = read(c -> xks.updateRate(c, changed, 250));
    boolean unknown = read(c -> xks.updateRate(c, "xks-" + Randoms.hex(16), 250));

    assertThat(updated).isTrue();
    assertThat(unknown).isFalse();
    assertThat(stores())
        .filteredOn(s -> s.id().equals(changed) || s.id().equals(kept))
        .extracting(XksKeyStore::id, XksKeyStore::ratePerSecond)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(changed, 250),
            org.assertj.core.groups.Tuple.tuple(kept, 0));
  }
}
