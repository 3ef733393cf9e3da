package io.ekms.kms.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.error.ApiException;
import io.ekms.kms.external.EkmException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the two kinds of refusal a service throws. */
final class Refusals {
  private Refusals() {}

  /**
   * {@code call} fails with the KMS API error {@code error}, its message containing {@code part}.
   */
  static void assertApiError(ThrowingCallable call, KmsError error, String part) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(error);
              assertThat(e.getMessage()).contains(part);
            });
  }

  /** {@code call} fails because the EKM refused or failed, as a {@code kind}. */
  static void assertExternal(ThrowingCallable call, Class<? extends EkmException> kind) {
    assertThatThrownBy(call).isInstanceOf(kind);
  }
}
