package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ekms.ekm.server.EkmConfig;
import io.ekms.sdk.KmsCrypto;
import io.ekms.sdk.KmsException;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackTenant;
import io.ekms.testing.TempDirs;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * An EKM that is rate limiting the vault is not a refusal: the KMS answers its callers 429
 * TooManyRequests with a Retry-After, through the real KMS, EKM and SDK, and the call goes through
 * once the EKM's budget has refilled.
 */
class KmsBusyEkmTest {
  @Test
  void encrypt_ekmRateLimitsTheVault_429WithRetryAfterThenServedOnceRefilled() throws Exception {
    AtomicLong now = new AtomicLong(System.nanoTime());
    try (LoopbackStack stack =
        LoopbackStack.builder(TempDirs.create("kms-busy-ekm-"))
            .ekm(ekm -> ekm.rateLimit(new EkmConfig.RateLimit(1, 20)))
            .ekmRateTicker(now::get)
            .start()) {
      StackTenant tenant =
          StackTenant.provision(stack, "busy", "ocid1.tenancy.oc1..b", "ocid1.compartment.oc1..b");
      KmsCrypto crypto = tenant.client(stack).crypto(tenant.vaultId());
      byte[] message = "busy".getBytes(StandardCharsets.UTF_8);

      KmsException busy = null;
      for (int i = 0; i < 25 && busy == null; i++) {
        busy =
            catchThrowableOfType(
                KmsException.class, () -> crypto.encrypt(tenant.keyId(), message, Map.of()));
      }

      assertThat(busy).as("the EKM's budget of 20 ran out").isNotNull();
      assertThat(busy.status()).isEqualTo(429);
      assertThat(busy.code()).isEqualTo("TooManyRequests");
      assertThat(busy.retryable()).isTrue();
      assertThat(busy.retryAfterSeconds()).isEqualTo(1);
      assertThat(busy.getMessage()).contains("rate limiting");
      now.addAndGet(TimeUnit.SECONDS.toNanos(1));
      assertThat(crypto.encrypt(tenant.keyId(), message, Map.of()).ciphertext()).isNotEmpty();
    }
  }
}
