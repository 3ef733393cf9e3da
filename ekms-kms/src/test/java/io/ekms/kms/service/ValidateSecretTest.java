package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.WireSecret;
import org.junit.jupiter.api.Test;

/** {@link Validate#required(String, WireSecret)}: a secret field is present and not blank. */
class ValidateSecretTest {
  @Test
  void required_absentSecret_isMissingParameter() {
    assertApiError(
        () -> Validate.required("clientAppSecret", (WireSecret) null),
        KmsError.MISSING_PARAMETER,
        "'clientAppSecret' is required.");
  }

  @Test
  void required_blankSecret_isMissingParameter() {
    assertApiError(
        () -> Validate.required("clientAppSecret", WireSecret.of(" \t")),
        KmsError.MISSING_PARAMETER,
        "'clientAppSecret' is required.");
  }

  @Test
  void required_secret_isReturnedAsIs() {
    WireSecret secret = WireSecret.of("s3cret");

    assertThat(Validate.required("clientAppSecret", secret)).isSameAs(secret);
  }
}
