package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.Vault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keyset pages of vaults and keys: every row once, in list order, ties broken by id. */
abstract class PagingContract extends StoreContract {
  @Test
  void vaultPages_limitTwo_walkTheWholeListInOrder() {
    for (int i = 0; i < 5; i++) {
      seedVault();
    }
    List<String> walked = new ArrayList<>();
    PageQuery page = PageQuery.first(2);
    for (int guard = 0; guard < 100; guard++) {
      PageQuery asked = page;
      List<Vault> rows = read(c -> vaults.page(c, asked));
      assertThat(rows.size()).isLessThanOrEqualTo(2);
      rows.forEach(v -> walked.add(v.id()));
      if (rows.size() < 2) {
        break;
      }
      Vault last = rows.getLast();
      page = new PageQuery(2, last.createdAt(), last.id());
    }
    List<Vault> all = read(vaults::list);
    assertThat(walked).containsExactlyElementsOf(all.stream().map(Vault::id).toList());
  }

  @Test
  void keyPages_sameCreationTime_orderedByIdAndNoneSkipped() {
    Vault vault = seedVault();
    Instant same = StoreObjects.tick();
    List<String> ids = new ArrayList<>();
    write(
        c -> {
          for (int i = 0; i < 5; i++) {
            Key k =
                new Key(
                    Ids.newKey(),
                    vault.id(),
                    "k" + i,
                    256,
                    KeyState.ACTIVE,
                    Set.of(KeyOp.ENCRYPT),
                    null,
                    "software",
                    same,
                    same);
            keys.insert(c, k);
            ids.add(k.id());
          }
        });
    List<Key> first = read(c -> keys.page(c, vault.id(), PageQuery.first(3)));
    Key last = first.getLast();
    List<Key> second =
        read(c -> keys.page(c, vault.id(), new PageQuery(3, last.createdAt(), last.id())));

    assertThat(first).hasSize(3);
    assertThat(second).hasSize(2);
    List<String> walked = new ArrayList<>(first.stream().map(Key::id).toList());
    second.forEach(k -> walked.add(k.id()));
    assertThat(walked).containsExactlyElementsOf(ids.stream().sorted().toList());
  }
}
