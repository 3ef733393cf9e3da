package io.ekms.kms.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.db.StoreException;
import io.ekms.core.error.ApiException;
import io.ekms.kms.external.ExternalKeyManagerException;
import io.ekms.kms.external.ExternalKeyManagerException.Kind;
import io.ekms.kms.service.KmsError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What callers see for EKM failures (docs/protocols/kms-api.md, Errors): the service tests assert
 * the kinds.
 */
class KmsErrorMapperTest {
  @ParameterizedTest
  @CsvSource({
    "INCORRECT_STATE, IncorrectState, 409",
    "DECRYPTION_FAILED, InvalidParameter, 400",
    "NOT_FOUND, ExternalServerIncorrectState, 409",
    "UNAVAILABLE, ExternalServerIncorrectState, 409",
  })
  void map_externalFailure_keepsItsExplanation(Kind kind, String code, int status) {
    ApiException e =
        KmsErrorMapper.map(new ExternalKeyManagerException(kind, "what went wrong"), "req-1");

    assertThat(e.errorCode().code()).isEqualTo(code);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.getMessage()).isEqualTo("what went wrong");
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
              new ExternalKeyManagerException(
                  Kind.UNAVAILABLE,
                  "the EKM is unreachable",
                  new IllegalStateException("the EKM at 10.0.0.5:443 (ConnectException: refused)")),
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
