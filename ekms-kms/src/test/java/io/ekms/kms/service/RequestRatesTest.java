package io.ekms.kms.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.error.ApiException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRatesTest {
  private final AtomicLong now = new AtomicLong();

  @Test
  void admit_overTheBurst_is429WithRetryAfter() {
    RequestRates rates = new RequestRates(1, 2, now::get);
    rates.admit("usr-a");
    rates.admit("usr-a");
    assertThatThrownBy(() -> rates.admit("usr-a"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.errorCode()).isEqualTo(KmsError.TOO_MANY_REQUESTS);
              assertThat(e.retryAfterSeconds()).hasValue(1);
            });
    rates.admit("usr-b");
    now.addAndGet(1_000_000_000L);
    rates.admit("usr-a");
  }

  @Test
  void admit_zeroRate_isOff() {
    RequestRates rates = new RequestRates(0, 0, now::get);
    for (int i = 0; i < 10_000; i++) {
      rates.admit("usr-a");
    }
  }
}
