package io.ekms.kms.store;

import static io.ekms.kms.store.KmsRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.StoreException;
import io.ekms.kms.store.RetryTokenRepository.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** opc-retry-token rows: claim, complete, release and expiry, per principal. */
abstract class RetryTokenContract extends KmsStoreContract {
  private final String principal = "ocid1.user.oc1.." + Randoms.hex(16);

  @Test
  void claim_freshToken_isClaimedInProgress() {
    String token = token();

    assertThat(claim(principal, token, "hash-1", T0)).isTrue();

    assertThat(find(principal, token)).contains(new Entry("CreateKey", "hash-1", 0, ""));
  }

  @Test
  void claim_claimedToken_isRefusedAndKeepsTheFirstRequest() {
    String token = token();
    claim(principal, token, "hash-1", T0);

    assertThat(claim(principal, token, "hash-2", T0.plusSeconds(1))).isFalse();

    assertThat(find(principal, token)).contains(new Entry("CreateKey", "hash-1", 0, ""));
  }

  @Test
  void claim_sameTokenOtherPrincipal_isIndependent() {
    String token = token();
    claim(principal, token, "hash-1", T0);

    assertThat(claim("ocid1.user.oc1..other" + Randoms.hex(4), token, "hash-2", T0)).isTrue();
  }

  @Test
  void complete_thenFind_returnsTheStoredAnswer() {
    String token = token();
    claim(principal, token, "hash-1", T0);

    write(c -> tokens.complete(c, principal, token, 200, "{\"id\":\"k\"}"));

    assertThat(find(principal, token))
        .contains(new Entry("CreateKey", "hash-1", 200, "{\"id\":\"k\"}"));
  }

  @Test
  void release_thenClaim_canBeClaimedAgain() {
    String token = token();
    claim(principal, token, "hash-1", T0);

    write(c -> tokens.release(c, principal, token));

    assertThat(find(principal, token)).isEmpty();
    assertThat(claim(principal, token, "hash-2", T0)).isTrue();
  }

  @Test
  void expire_removesOnlyTokensCreatedBeforeTheCutoff() {
    Instant old = Instant.parse("2001-01-01T00:00:00Z");
    String older = token();
    String atCutoff = token();
    claim(principal, older, "h", old);
    claim(principal, atCutoff, "h", old.plusSeconds(60));

    int removed = db.inTransaction(c -> tokens.expire(c, old.plusSeconds(60)));

    assertThat(removed).isEqualTo(1);
    assertThat(find(principal, older)).isEmpty();
    assertThat(find(principal, atCutoff)).isPresent();
  }

  @Test
  void claim_concurrentClaims_exactlyOneWinsOthersRefusedOrDuplicate() throws Exception {
    String token = token();
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<String>> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int i = 0; i < threads; i++) {
        String hash = "hash-" + i;
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return claim(principal, token, hash, T0) ? "won" : "refused";
                  } catch (StoreException e) {
                    return e.isDuplicateKey() ? "duplicate" : "failed: " + e.getMessage();
                  }
                }));
      }
    }
    List<String> results = new ArrayList<>();
    for (Future<String> f : outcomes) {
      results.add(f.get());
    }

    assertThat(results)
        .containsOnlyOnce("won")
        .allMatch(r -> !r.startsWith("failed"), "no failure");
  }

  private boolean claim(String who, String token, String hash, Instant at) {
    return db.inTransaction(c -> tokens.claim(c, who, token, "CreateKey", hash, at));
  }

  private Optional<Entry> find(String who, String token) {
    return db.withConnection(c -> tokens.find(c, who, token));
  }

  private static String token() {
    return "token-" + Randoms.hex(8);
  }
}
