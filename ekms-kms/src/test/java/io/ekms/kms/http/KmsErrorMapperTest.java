package io.ekms.kms.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.db.StoreException;
import io.ekms.core.error.ApiException;
import io.ekms.kms.external.EkmException;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.EkmUnavailable;
import io.ekms.kms.external.IdentityFailure;
import io.ekms.kms.service.KmsError;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What callers see for EKM failures (docs/protocols/kms-api.md, Errors): the service tests assert
 * the kinds.
 */
class KmsErrorMapperTest {
  static Stream<Arguments> externalFailures() {
    return Stream.of(
        failure((m, p) -> new EkmRefused.Unusable(m, p, "KeyDisabled"), "IncorrectState", 409),
        failure(
            (m, p) -> new EkmRefused.DecryptionFailed(m, p, "DecryptionFailed"),
            "InvalidParameter",
            400),
        failure(
            (m, p) -> new EkmRefused.NotFound(m, p, "NotFound"),
            "ExternalServerIncorrectState",
            409),
        failure(
            (m, p) -> new EkmRefused.NotAuthorized(m, p, null),
            "ExternalServerIncorrectState",
            409),
        failure(
            (m, p) -> new EkmUnavailable.Unreachable(m, p, null),
            "ExternalServerIncorrectState",
            409),
        failure(
            (m, p) -> new IdentityFailure.Rejected(m, p, "invalid_client"),
            "ExternalServerIncorrectState",
            409),
        failure((m, p) -> new EkmUnavailable.TimedOut(m, p, null), "ServiceUnavailable", 503),
        failure(
            (m, p) -> new EkmUnavailable.Busy(m, p, "TooManyRequests", 429, 7),
            "TooManyRequests",
            429),
        failure(
            (m, p) -> new EkmUnavailable.Busy(m, p, "BackendUnavailable", 503, 0),
            "ServiceUnavailable",
            503),
        failure(
            (m, p) -> new EkmUnavailable.ServerError(m, p, "InternalError"),
            "ExternalServerIncorrectState",
            409));
  }

  @Test
  void map_busyOrLateEkm_carriesARetryAfterAndRefusalsNone() {
    assertThat(
            KmsErrorMapper.map(new EkmUnavailable.Busy("m", "p", "TooManyRequests", 429, 7), "r")
                .retryAfterSeconds())
        .hasValue(7);
    assertThat(
            KmsErrorMapper.map(new EkmUnavailable.Busy("m", "p", null, 503, 0), "r")
                .retryAfterSeconds())
        .hasValue(1);
    assertThat(
            KmsErrorMapper.map(new EkmUnavailable.TimedOut("m", "p", null), "r")
                .retryAfterSeconds())
        .hasValue(1);
    assertThat(
            KmsErrorMapper.map(new EkmRefused.Unusable("m", "p", "KeyDisabled"), "r")
                .retryAfterSeconds())
        .isEmpty();
  }

  private static Arguments failure(
      BiFunction<String, String, EkmException> make, String code, int status) {
    EkmException e =
        make.apply("what went wrong, in full (ConnectException: refused)", "what went wrong");
    return Arguments.of(e, code, status);
  }

  @ParameterizedTest
  @MethodSource("externalFailures")
  void map_externalFailure_keepsItsExplanation(EkmException failure, String code, int status) {
    ApiException e = KmsErrorMapper.map(failure, "req-1");

    assertThat(e.errorCode().code()).isEqualTo(code);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.getMessage()).isEqualTo("what went wrong");
    assertThat(KmsErrorMapper.code(failure)).isEqualTo(code);
    assertThat(KmsError.forExternal(failure).code()).isEqualTo(code);
  }

  @Test
  void map_externalFailureWithCause_answersTheMessageAndLogsTheCauseWithTheRequestId() {
    java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger log =
        java.util.logging.Logger.getLogger(KmsErrorMapper.class.getName());
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            logged.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(handler);
    try {
      ApiException e =
          KmsErrorMapper.map(
              new EkmUnavailable.Unreachable(
                  "the EKM at 10.0.0.5:443 is unreachable (ConnectException: refused)",
                  "the EKM is unreachable",
                  null),
              "req-7");

      assertThat(e.getMessage()).isEqualTo("the EKM is unreachable");
      assertThat(logged)
          .anySatisfy(m -> assertThat(m).contains("req-7").contains("ConnectException: refused"));
    } finally {
      log.removeHandler(handler);
    }
  }

  @Test
  void map_apiError_isAnsweredAsIs() {
    ApiException original = KmsError.NO_ETAG_MATCH.error("stale");

    assertThat(KmsErrorMapper.map(original, "req-1")).isSameAs(original);
  }

  @Test
  void map_internalFailure_is500NamingOnlyTheRequest() {
    ApiException e = KmsErrorMapper.map(new StoreException("SELECT secret FROM x"), "req-9");

    assertThat(e.status()).isEqualTo(500);
    assertThat(e.getMessage()).contains("req-9").doesNotContain("secret");
  }
}
