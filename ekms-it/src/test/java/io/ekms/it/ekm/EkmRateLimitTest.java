package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.ekm.server.EkmConfig;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The 429 row of the error table: over the vault's configured rate, with Retry-After. */
class EkmRateLimitTest {
  @Test
  void requests_overTheVaultRate_are429AndAudited() throws Exception {
    // The buckets' clock stands still unless the test moves it: exactly the burst is admitted,
    // and one more for each second the test adds, however long the requests take.
    AtomicLong now = new AtomicLong(System.nanoTime());
    try (LoopbackStack stack =
        LoopbackStack.builder(TempDirs.create("ekm-rate-"))
            .ekm(ekm -> ekm.rateLimit(new EkmConfig.RateLimit(1, 3)))
            .ekmRateTicker(now::get)
            .start()) {
      EkmVault f = EkmVault.ofIdentity(stack);
      String token = f.token();
      int ok = 0;
      RawHttps.Answer last = null;
      for (int i = 0; i < 6; i++) {
        last = f.api.get(f.apiBase() + "/metadata", token);
        ok += last.status() == 200 ? 1 : 0;
      }
      assertThat(ok).isEqualTo(3);
      assertThat(last.status()).isEqualTo(429);
      now.addAndGet(TimeUnit.SECONDS.toNanos(1));
      assertThat(f.api.get(f.apiBase() + "/metadata", token).status()).isEqualTo(200);
      assertThat(f.api.get(f.apiBase() + "/metadata", token).status()).isEqualTo(429);
      assertThat(last.code()).isEqualTo("TooManyRequests");
      assertThat(last.retryAfter()).isEqualTo("1");
      var audit = f.admin().audit().path("items");
      assertThat(audit.toString()).contains("\"result\":\"TooManyRequests\"");
    }
  }
}
