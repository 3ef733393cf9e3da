package io.ekms.identity.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.error.ApiException;
import io.ekms.identity.service.OAuthError;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {
  private static Map<String, String> parse(String body) {
    return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_encodedValues_decoded() {
    assertThat(parse("grant_type=client_credentials&scope=https%3A%2F%2Fa%2Foci_ekms+x"))
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("scope", "https://a/oci_ekms x");
  }

  @Test
  void parse_emptyValuesAndEmptyPairs_countAsOmitted() {
    assertThat(parse("scope=&grant_type&&a=1")).containsOnlyKeys("a");
    assertThat(parse("")).isEmpty();
  }

  @Test
  void parse_repeatedParameter_invalidRequest() {
    assertInvalid("scope=a&scope=b");
    assertInvalid("scope=&scope=b");
  }

  @Test
  void parse_malformedEscapeOrNonAscii_invalidRequest() {
    assertInvalid("scope=%zz");
    assertInvalid("scope=\u00e9");
    assertInvalid("scope=a\nb");
  }

  @Test
  void parse_tooManyParameters_invalidRequest() {
    assertInvalid("a=1&".repeat(FormBody.MAX_PARAMETERS + 1));
  }

  @Test
  void parse_repeatedSecretParameter_messageDoesNotEchoValues() {
    assertThatThrownBy(() -> parse("client_secret=s3cr3t&client_secret=s3cr3t"))
        .hasMessageNotContaining("s3cr3t")
        .hasMessageContaining("client_secret");
  }

  private static void assertInvalid(String body) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.errorCode()).isEqualTo(OAuthError.INVALID_REQUEST));
  }
}
