package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.sdk.KmsException;
import org.junit.jupiter.api.Test;

/** How a KMS error becomes the CLI's sentence and exit code: busy is not a refusal. */
class KmsVerbTranslateTest {
  @Test
  void translate_tooManyRequestsWithRetryAfter_unavailableSayingWhenToTryAgain() {
    CliRemoteException e =
        KmsVerb.translate(new KmsException(429, "TooManyRequests", "EKM busy.", "req-1", null, 7));
    assertThat(e.unavailable()).isTrue();
    assertThat(e.getMessage())
        .startsWith("the KMS cannot serve the request now (429 TooManyRequests")
        .endsWith("try again in 7 s");
  }

  @Test
  void translate_serviceUnavailableWithoutRetryAfter_unavailable() {
    CliRemoteException e =
        KmsVerb.translate(new KmsException(503, "ServiceUnavailable", "Late.", "req-2", null));
    assertThat(e.unavailable()).isTrue();
    assertThat(e.getMessage()).endsWith("try again in a moment");
  }

  @Test
  void translate_incorrectState_aRefusal() {
    CliRemoteException e =
        KmsVerb.translate(new KmsException(409, "IncorrectState", "Disabled.", "req-3", null));
    assertThat(e.unavailable()).isFalse();
  }
}
