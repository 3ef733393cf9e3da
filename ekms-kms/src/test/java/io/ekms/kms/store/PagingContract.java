package io.ekms.kms.store;

import static io.ekms.kms.store.KmsRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging of every list: 7 rows, limit 3, gives pages of 3, 3 and 1 in (created, id) order,
 * with no next token after the last. Creation times repeat, so the id breaks ties across pages.
 */
abstract class PagingContract extends KmsStoreContract {
  /** Creation offsets in millis, out of order: the query, not the insert order, sorts. */
  private static final int[] OFFSETS = {2, 0, 1, 0, 2, 1, 0};

  /** One list query of a repository. */
  @FunctionalInterface
  interface Lister<T> {
    List<T> list(Connection c, Page page) throws SQLException;
  }

  @Test
  void privateEndpoints_sevenRowsLimitThree_threeStablePages() {
    String compartment = KmsRecords.compartment();
    List<PrivateEndpoint> rows = new ArrayList<>();
    for (int offset : OFFSETS) {
      rows.add(seedEndpoint(compartment, T0.plusMillis(offset)));
    }
    PrivateEndpoint deleted = seedEndpoint(compartment, T0);
    write(c -> endpoints.update(c, deleted.withState(Lifecycle.DELETED, T0)));
    seedEndpoint(KmsRecords.compartment(), T0);

    assertPaged(
        (c, p) -> endpoints.list(c, compartment, p),
        rows,
        PrivateEndpoint::timeCreated,
        PrivateEndpoint::id);
  }

  @Test
  void vaults_sevenRowsLimitThree_threeStablePages() {
    String compartment = KmsRecords.compartment();
    List<Vault> rows = new ArrayList<>();
    for (int offset : OFFSETS) {
      rows.add(seedVault(compartment, T0.plusMillis(offset)));
    }
    seedVault(KmsRecords.compartment(), T0);

    assertPaged((c, p) -> vaults.list(c, compartment, p), rows, Vault::timeCreated, Vault::id);
  }

  @Test
  void keys_sevenRowsLimitThree_onlyTheVaultsKeysOfTheCompartment() {
    String compartment = KmsRecords.compartment();
    Vault vault = seedVault(compartment, T0);
    List<Key> rows = new ArrayList<>();
    for (int offset : OFFSETS) {
      rows.add(seedKey(vault, compartment, T0.plusMillis(offset)));
    }
    seedKey(vault, KmsRecords.compartment(), T0);
    seedKey(seedVault(compartment, T0), compartment, T0);

    assertPaged(
        (c, p) -> keys.list(c, vault.id(), compartment, p), rows, Key::timeCreated, Key::id);
  }

  @Test
  void keyVersions_sevenRowsLimitThree_onlyTheKeysVersions() {
    Key key = seedKey();
    List<KeyVersion> rows = new ArrayList<>();
    for (int offset : OFFSETS) {
      rows.add(seedVersion(key, T0.plusMillis(offset)));
    }
    seedVersion(seedKey(), T0);

    assertPaged(
        (c, p) -> versions.list(c, key.id(), p), rows, KeyVersion::timeCreated, KeyVersion::id);
  }

  @Test
  void keys_rowAddedBeforeThePosition_doesNotShiftTheNextPage() {
    String compartment = KmsRecords.compartment();
    Vault vault = seedVault(compartment, T0);
    List<Key> rows = new ArrayList<>();
    for (int offset : OFFSETS) {
      rows.add(seedKey(vault, compartment, T0.plusMillis(10 + offset)));
    }
    rows.sort(Comparator.comparing(Key::timeCreated).thenComparing(Key::id));
    List<Key> first = db.withConnection(c -> keys.list(c, vault.id(), compartment, page(null)));
    String token = Page.next(first, 3, Key::timeCreated, Key::id);

    seedKey(vault, compartment, T0);
    List<Key> second = db.withConnection(c -> keys.list(c, vault.id(), compartment, page(token)));

    assertThat(ids(second)).isEqualTo(ids(rows.subList(3, 6)));
  }

  private static Page page(String token) {
    return Page.of(token, 3);
  }

  private <T> void assertPaged(
      Lister<T> lister, List<T> rows, Function<T, Instant> created, Function<T, String> id) {
    List<T> expected = new ArrayList<>(rows);
    expected.sort(Comparator.comparing(created).thenComparing(id));
    List<List<String>> pages = new ArrayList<>();
    String token = null;
    do {
      String current = token;
      List<T> page = db.withConnection(c -> lister.list(c, page(current)));
      List<T> again = db.withConnection(c -> lister.list(c, page(current)));
      assertThat(ids(again)).as("the same token gives the same page").isEqualTo(ids(page));
      pages.add(ids(page));
      token = Page.next(page, 3, created, id);
    } while (token != null && pages.size() < 5);

    assertThat(pages).extracting(List::size).containsExactly(3, 3, 1);
    assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(ids(expected));
  }
}
