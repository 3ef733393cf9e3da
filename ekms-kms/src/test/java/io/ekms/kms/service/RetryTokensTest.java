package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.crypto.Randoms;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryTokensTest {
  private final ServiceBed bed = new ServiceBed();
  private final RetryTokens tokens = bed.retryTokens;
  private final String who = ServiceBed.PRINCIPAL;

  @AfterAll
  void close() {
    bed.close();
  }

  @Test
  void begin_sameTokenSameRequestAfterCompletion_returnsTheStoredAnswer() {
    String t = token();
    assertThat(tokens.begin(who, t, "CreateKey", "h1")).isEmpty();
    tokens.complete(who, t, 200, "{\"id\":\"ocid1.key.oc1..a\"}");

    Optional<RetryTokens.Stored> again = tokens.begin(who, t, "CreateKey", "h1");

    assertThat(again).contains(new RetryTokens.Stored(200, "{\"id\":\"ocid1.key.oc1..a\"}"));
  }

  @Test
  void begin_sameTokenDifferentRequestOrOperation_isRetryTokenReused() {
    String t = token();
    tokens.begin(who, t, "CreateKey", "h1");
    tokens.complete(who, t, 200, "{}");

    assertApiError(
        () -> tokens.begin(who, t, "CreateKey", "h2"),
        KmsError.RETRY_TOKEN_REUSED,
        "different request");
    assertApiError(
        () -> tokens.begin(who, t, "CreateVault", "h1"),
        KmsError.RETRY_TOKEN_REUSED,
        "different request");
  }

  @Test
  void begin_firstStillRunning_isRetryTokenReused() {
    String t = token();
    tokens.begin(who, t, "CreateKey", "h1");

    assertApiError(
        () -> tokens.begin(who, t, "CreateKey", "h1"),
        KmsError.RETRY_TOKEN_REUSED,
        "still running");
  }

  @Test
  void release_afterFailure_letsTheRetryRun() {
    String t = token();
    tokens.begin(who, t, "CreateKey", "h1");

    tokens.release(who, t);

    assertThat(tokens.begin(who, t, "CreateKey", "h1")).isEmpty();
  }

  @Test
  void begin_sameTokenOtherPrincipal_isIndependent() {
    String t = token();
    tokens.begin(who, t, "CreateKey", "h1");

    assertThat(tokens.begin("ocid1.user.oc1..bob", t, "CreateKey", "h2")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "semi;colon", "ünïcode"})
  void begin_malformedToken_isInvalidParameter(String t) {
    assertApiError(
        () -> tokens.begin(who, t, "CreateKey", "h"),
        KmsError.INVALID_PARAMETER,
        "opc-retry-token");
  }

  @Test
  void begin_tokenOf65Characters_isInvalidParameter() {
    assertApiError(
        () -> tokens.begin(who, "a".repeat(65), "CreateKey", "h"),
        KmsError.INVALID_PARAMETER,
        "1 to 64");
    assertThat(tokens.begin(who, "b".repeat(64), "CreateKey", "h")).isEmpty();
  }

  @Test
  void begin_concurrentSameToken_exactlyOneRunsTheOthersAreToldItIsRunning() throws Exception {
    String t = token();
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<String>> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int i = 0; i < threads; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return tokens.begin(who, t, "CreateKey", "h").isEmpty() ? "runs" : "stored";
                  } catch (io.ekms.core.error.ApiException e) {
                    return e.errorCode().code();
                  }
                }));
      }
    }
    List<String> results = new ArrayList<>();
    for (Future<String> f : outcomes) {
      results.add(f.get());
    }

    assertThat(results).containsOnlyOnce("runs").containsOnly("runs", "RetryTokenReused");
  }

  private static String token() {
    return "tok-" + Randoms.hex(8);
  }
}
