package io.ekms.kms.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.kms.auth.NotAuthenticatedException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of the Authorization header, including every way it can be malformed. */
class SignatureHeaderTest {
  private static final String KEY_ID =
      "ocid1.tenancy.oc1..aaaa/ocid1.user.oc1..bbbb/c2:49:33:b9:c3:e1:65:53:c1:6f:78:af:87:67:6b:94";
  private static final String VALID =
      "Signature version=\"1\",keyId=\""
          + KEY_ID
          + "\",algorithm=\"rsa-sha256\",headers=\"date (request-target) host\",signature=\"AAEC\"";

  @Test
  void parse_sdkLayout_readsEveryParameter() {
    SignatureHeader h = SignatureHeader.parse(VALID);

    assertThat(h.keyId())
        .isEqualTo(
            new KeyId(
                "ocid1.tenancy.oc1..aaaa",
                "ocid1.user.oc1..bbbb",
                "c2:49:33:b9:c3:e1:65:53:c1:6f:78:af:87:67:6b:94"));
    assertThat(h.algorithm()).isEqualTo("rsa-sha256");
    assertThat(h.signedHeaders()).containsExactly("date", "(request-target)", "host");
    assertThat(h.signature()).containsExactly(0, 1, 2);
  }

  @Test
  void parse_spacesAroundCommasAndSchemeInAnyCase_accepted() {
    String spaced = VALID.replace("Signature ", "SIGNATURE  ").replace(",", " , ");

    assertThat(SignatureHeader.parse(spaced).signedHeaders()).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "version=\"1\",",
        "algorithm=\"rsa-sha256\",",
        "headers=\"date (request-target) host\",",
        "keyId=\"" + KEY_ID + "\",",
      })
  void parse_parameterMissing_isMalformed(String removed) {
    assertMalformed(VALID.replace(removed, ""));
  }

  @Test
  void parse_parameterRepeated_isMalformed() {
    assertMalformed(VALID.replace("version=\"1\"", "version=\"1\",version=\"1\""));
  }

  @Test
  void parse_parameterRepeatedInOtherCase_isMalformed() {
    assertMalformed(VALID.replace("version=\"1\"", "version=\"1\",KEYID=\"" + KEY_ID + "\""));
  }

  @Test
  void parse_unknownParameter_isMalformed() {
    assertMalformed(VALID + ",expires=\"1700000000\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "version=\"2\"",
        "keyId=\"ocid1.tenancy.oc1..aaaa/ocid1.user.oc1..bbbb\"",
        "keyId=\"ocid1.user.oc1..bbbb/ocid1.tenancy.oc1..aaaa/c2:49\"",
        "keyId=\"ocid1.tenancy.oc1..aaaa/ocid1.user.oc1..bbbb/C2:49:33:B9:C3:E1:65:53:C1:6F:78:AF:87:67:6B:94\"",
        "headers=\"date date host\"",
        "headers=\"Date host\"",
        "headers=\"date  host\"",
        "headers=\"\"",
        "signature=\"not base64!\"",
        "signature=\"\"",
      })
  void parse_badParameterValue_isMalformed(String replacement) {
    String name = replacement.substring(0, replacement.indexOf('='));
    String changed = VALID.replaceFirst(name + "=\"[^\"]*\"", replacement);

    assertThat(changed).isNotEqualTo(VALID);
    assertMalformed(changed);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Signature version=\"1\" keyId=\"x\"",
        "Signature version=\"1",
        "Signature version=1",
        "Signature =\"1\"",
        "Signature version=\"1\",",
        "Signature,version=\"1\"",
      })
  void parse_brokenSyntax_isMalformed(String header) {
    assertMalformed(header);
  }

  @Test
  void parse_oversizedHeader_isMalformedBeforeParsing() {
    assertMalformed(VALID + " ".repeat(SignatureHeader.MAX_CHARS));
  }

  @Test
  void parse_tooManySignedHeaders_isMalformed() {
    StringBuilder names = new StringBuilder("date");
    for (int i = 0; i < SignatureHeader.MAX_SIGNED_HEADERS; i++) {
      names.append(" x-h").append(i);
    }
    assertMalformed(VALID.replace("date (request-target) host", names));
  }

  @Test
  void parse_oversizedSignature_isMalformed() {
    String big = "A".repeat(SignatureHeader.MAX_SIGNATURE_CHARS + 4);

    assertMalformed(VALID.replace("signature=\"AAEC\"", "signature=\"" + big + "\""));
  }

  @Test
  void parse_headerNamesWithTokenCharacters_kept() {
    String h = VALID.replace("date (request-target) host", "date (request-target) host x-b_c.d");

    assertThat(SignatureHeader.parse(h).signedHeaders())
        .isEqualTo(List.of("date", "(request-target)", "host", "x-b_c.d"));
  }

  private static void assertMalformed(String header) {
    assertThatThrownBy(() -> SignatureHeader.parse(header))
        .isInstanceOfSatisfying(
            NotAuthenticatedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
  }
}
