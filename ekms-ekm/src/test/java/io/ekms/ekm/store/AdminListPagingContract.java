package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.ekm.domain.Issuer;
import io.ekms.ekm.domain.gcp.GcpKeyStore;
import io.ekms.ekm.domain.policy.Policy;
import io.ekms.ekm.domain.policy.PolicyEffect;
import io.ekms.ekm.domain.policy.PolicyScope;
import io.ekms.ekm.domain.xks.XksKeyStore;
import io.ekms.ekm.domain.xks.XksKeyStore.Credential;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Keyset pages of the other admin lists (issuers, policies, XKS and Google key stores): every row
 * once, oldest first, ties broken by id; a policy page stays within its scope.
 */
abstract class AdminListPagingContract extends StoreContract {
  private final PolicyRepository policies = new PolicyRepository();
  private final XksRepository xks = new XksRepository();
  private final GcpRepository gcp = new GcpRepository();

  /** Every row, read {@code limit} at a time from the start. */
  private <T> List<T> walk(
      int limit,
      Database.SqlWork<List<T>> first,
      Function<PageQuery, Database.SqlWork<List<T>>> next,
      Function<T, Instant> created,
      Function<T, String> id) {
    List<T> walked = new ArrayList<>();
    List<T> rows = read(first);
    for (int guard = 0; guard < 1000; guard++) {
      walked.addAll(rows);
      assertThat(rows.size()).isLessThanOrEqualTo(limit);
      if (rows.size() < limit) {
        return walked;
      }
      T last = rows.getLast();
      rows = read(next.apply(new PageQuery(limit, created.apply(last), id.apply(last))));
    }
    throw new AssertionError("paging did not end");
  }

  @Test
  void issuerPages_limitTwo_walkTheWholeListInOrder() {
    for (int i = 0; i < 5; i++) {
      seedIssuer();
    }
    List<Issuer> walked =
        walk(
            2,
            c -> issuers.page(c, PageQuery.first(2)),
            q -> c -> issuers.page(c, q),
            Issuer::createdAt,
            Issuer::id);
    assertThat(walked).containsExactlyElementsOf(read(issuers::list));
  }

  @Test
  void policyPages_oneScopeSameCreationTime_onlyItsPoliciesOrderedById() {
    String vault = "vlt-" + Randoms.hex(16);
    Instant same = StoreObjects.tick();
    List<String> ids = new ArrayList<>();
    write(
        c -> {
          for (int i = 0; i < 5; i++) {
            Policy p = policy(PolicyScope.VAULT, vault, "p" + i, same);
            policies.insert(c, p);
            ids.add(p.id());
          }
          policies.insert(c, policy(PolicyScope.VAULT, "vlt-" + Randoms.hex(16), "o", same));
        });
    List<Policy> walked =
        walk(
            2,
            c -> policies.page(c, PolicyScope.VAULT, vault, PageQuery.first(2)),
            q -> c -> policies.page(c, PolicyScope.VAULT, vault, q),
            Policy::createdAt,
            Policy::id);
    List<Policy> all =
        walk(
            3,
            c -> policies.page(c, null, null, PageQuery.first(3)),
            q -> c -> policies.page(c, null, null, q),
            Policy::createdAt,
            Policy::id);

    assertThat(walked)
        .extracting(Policy::id)
        .containsExactlyElementsOf(ids.stream().sorted().toList());
    assertThat(all)
        .extracting(Policy::id)
        .doesNotHaveDuplicates()
        .containsAll(ids)
        .hasSameSizeAs(read(c -> policies.list(c, null, null)));
  }

  @Test
  void xksPages_limitTwo_everyStoreOnceOldestFirstWithItsCredentials() {
    Instant older = StoreObjects.tick();
    Instant newer = StoreObjects.tick();
    List<String> mine = new ArrayList<>();
    write(
        c -> {
          for (Instant at : List.of(newer, older, newer, older)) {
            String suffix = Randoms.hex(16);
            var s =
                new XksKeyStore(
                    "xks-" + suffix, "s" + suffix, "p" + suffix, 0, List.of(), List.of());
            xks.insertStore(c, s, at);
            xks.insertCredential(
                c,
                s.id(),
                new Credential("AKIA" + suffix.substring(0, 20).toUpperCase(), "sealed"),
                at);
            mine.add(at.toEpochMilli() + " " + s.id());
          }
        });
    List<Listed<XksKeyStore>> walked =
        walk(
            2,
            c -> xks.page(c, PageQuery.first(2)),
            q -> c -> xks.page(c, q),
            Listed::createdAt,
            Listed::id);

    assertThat(walked).extracting(Listed::id).doesNotHaveDuplicates().hasSameSizeAs(read(xks::all));
    assertThat(walked)
        .filteredOn(l -> mine.contains(l.createdAt().toEpochMilli() + " " + l.id()))
        .extracting(l -> l.createdAt().toEpochMilli() + " " + l.id())
        .containsExactlyElementsOf(mine.stream().sorted().toList());
    assertThat(walked)
        .filteredOn(l -> mine.contains(l.createdAt().toEpochMilli() + " " + l.id()))
        .allSatisfy(l -> assertThat(l.item().credentials()).hasSize(1));
  }

  @Test
  void gcpPages_limitOne_everyStoreOnceOldestFirst() {
    Instant older = StoreObjects.tick();
    Instant newer = StoreObjects.tick();
    List<String> mine = new ArrayList<>();
    write(
        c -> {
          for (Instant at : List.of(newer, older, older)) {
            String suffix = Randoms.hex(16);
            GcpKeyStore s = gcpStore(suffix);
            gcp.insertStore(c, s, at);
            gcp.insertServiceAccount(c, s.id(), "sa-" + suffix + "@example.com", at);
            mine.add(at.toEpochMilli() + " " + s.id());
          }
        });
    List<Listed<GcpKeyStore>> walked =
        walk(
            1,
            c -> gcp.page(c, PageQuery.first(1)),
            q -> c -> gcp.page(c, q),
            Listed::createdAt,
            Listed::id);

    assertThat(walked).extracting(Listed::id).doesNotHaveDuplicates().hasSameSizeAs(read(gcp::all));
    assertThat(walked)
        .filteredOn(l -> mine.contains(l.createdAt().toEpochMilli() + " " + l.id()))
        .extracting(l -> l.createdAt().toEpochMilli() + " " + l.id())
        .containsExactlyElementsOf(mine.stream().sorted().toList());
    assertThat(walked)
        .filteredOn(l -> mine.contains(l.createdAt().toEpochMilli() + " " + l.id()))
        .allSatisfy(l -> assertThat(l.item().serviceAccounts()).hasSize(1));
  }

  private static Policy policy(PolicyScope scope, String scopeId, String name, Instant at) {
    return new Policy(
        "pol-" + Randoms.hex(16), name, scope, scopeId, PolicyEffect.ALLOW, "true", 1, at, at);
  }

  private static GcpKeyStore gcpStore(String suffix) {
    return new GcpKeyStore(
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
  }
}
