package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.tls.LocalCa;
import io.ekms.kms.external.EkmException;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.EkmUnavailable;
import io.ekms.kms.external.IdentityFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The EKM's error table (docs/protocols/ekm-api.md) and transport failures, mapped to the sealed
 * hierarchy.
 */
class EkmErrorsTest {
  static final EkmCall CALL = new EkmCall("Decrypt", "vlt-1", "key-1", "kv-1");
  static final OAuthClient OAUTH =
      new OAuthClient(
          "https://idp.test",
          "kms-app",
          SecretBytes.copyOf("secret-value".getBytes(UTF_8)),
          "https://ekm.test/",
          List.of(LocalCa.create("idp").certificate()));

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            400, "DecryptionFailed", EkmRefused.DecryptionFailed.class, "do not authenticate"),
        Arguments.of(
            400, "InvalidRequest", EkmRefused.InvalidRequest.class, "found the request invalid"),
        Arguments.of(401, "InvalidToken", EkmRefused.NotAuthorized.class, "token refused"),
        Arguments.of(
            403,
            "ClientNotAuthorized",
            EkmRefused.NotAuthorized.class,
            "does not authorize client kms-app for vault vlt-1"),
        Arguments.of(
            403, "VaultBlocked", EkmRefused.Unusable.class, "vault vlt-1 is blocked in the EKM"),
        Arguments.of(
            403, "KeyDisabled", EkmRefused.Unusable.class, "key key-1 is disabled in the EKM"),
        Arguments.of(
            403,
            "KeyVersionDisabled",
            EkmRefused.Unusable.class,
            "key version kv-1 of key key-1 is disabled"),
        Arguments.of(
            403, "OperationNotPermitted", EkmRefused.Unusable.class, "does not permit Decrypt"),
        Arguments.of(
            403,
            "PolicyDenied",
            EkmRefused.Unusable.class,
            "a key-access policy in the EKM refused Decrypt with key key-1"),
        Arguments.of(
            404, "NotFound", EkmRefused.NotFound.class, "no such vault, key or key version"),
        Arguments.of(429, "TooManyRequests", EkmUnavailable.Busy.class, "rate limiting"),
        Arguments.of(
            500, "InternalError", EkmUnavailable.ServerError.class, "failed with HTTP 500"),
        Arguments.of(503, "BackendUnavailable", EkmUnavailable.Busy.class, "failed with HTTP 503"),
        Arguments.of(
            302, "Moved", EkmUnavailable.MalformedAnswer.class, "unexpected HTTP status 302"));
  }

  @ParameterizedTest
  @MethodSource("table")
  void answer_ekmErrorTable_mapsToVariantWithCodeInMessage(
      int status, String code, Class<? extends EkmException> type, String sentence) {
    byte[] body = ("{\"code\":\"" + code + "\",\"message\":\"said\"}").getBytes(UTF_8);

    EkmException e = EkmErrors.answer(CALL, OAUTH, status, body);

    assertThat(e).isInstanceOf(type);
    assertThat(e.getMessage())
        .startsWith("Decrypt (vault vlt-1, key key-1, version kv-1): ")
        .contains(sentence)
        .contains("(" + code + ": said)")
        .doesNotContain("secret-value");
    if (status != 302) { // an unexpected status is a malformed answer: its code is not trusted
      assertThat(e.remoteCode()).contains(code);
    }
  }

  @Test
  void answer_bodyNotJson_namesTheStatusInstead() {
    EkmException e = EkmErrors.answer(CALL, OAUTH, 502, "<html>bad gateway".getBytes(UTF_8));

    assertThat(e).isInstanceOf(EkmUnavailable.ServerError.class);
    assertThat(e.getMessage()).endsWith("failed with HTTP 502 (HTTP 502)");
    assertThat(e.remoteCode()).isEmpty();
  }

  @Test
  void answer_codeWithOddCharacters_isNotTrustedAsCode() {
    byte[] body = "{\"code\":\"Key Disabled\\n\",\"message\":\"m\"}".getBytes(UTF_8);

    EkmException e = EkmErrors.answer(CALL, OAUTH, 403, body);

    assertThat(e).isInstanceOf(EkmRefused.NotAuthorized.class);
    assertThat(e.remoteCode()).isEmpty();
  }

  @Test
  void transport_connectRefused_isUnreachableNamingTheEndpoint() {
    TransportFailure failure = Transport.classify(new ConnectException("Connection refused"));

    EkmUnavailable e =
        EkmErrors.transport(CALL, URI.create("https://10.0.0.5:4443/v/vlt-1"), failure);

    assertThat(e).isInstanceOf(EkmUnavailable.Unreachable.class);
    assertThat(e.getMessage())
        .contains("the EKM at 10.0.0.5:4443 is unreachable")
        .contains("ConnectException: Connection refused");
  }

  @ParameterizedTest
  @MethodSource("table")
  void answer_publicMessage_keepsTheSentenceAndCodeButNotTheEkmsMessage(
      int status, String code, Class<? extends EkmException> type, String sentence) {
    byte[] body = ("{\"code\":\"" + code + "\",\"message\":\"internal detail\"}").getBytes(UTF_8);

    EkmException e = EkmErrors.answer(CALL, OAUTH, status, body);

    assertThat(e.getMessage()).contains("internal detail");
    assertThat(e.publicMessage())
        .startsWith("Decrypt (vault vlt-1, key key-1, version kv-1): ")
        .doesNotContain("internal detail");
    if (e instanceof EkmRefused) {
      assertThat(e.publicMessage()).contains(sentence).endsWith("(" + code + ")");
    }
  }

  static Stream<Throwable> unreachable() {
    return Stream.of(
        new ConnectException("Connection refused"),
        new java.net.SocketTimeoutException("Connect timed out"),
        new IOException("Connection reset by peer"),
        new ConnectException("No route to host"));
  }

  @ParameterizedTest
  @MethodSource("unreachable")
  void transport_closedFilteredOrReset_haveOnePublicMessageWithoutJdkText(Throwable jdk) {
    EkmUnavailable e =
        EkmErrors.transport(
            CALL, URI.create("https://10.0.0.5:4443/v/vlt-1"), Transport.classify(jdk));

    assertThat(e).isInstanceOf(EkmUnavailable.Unreachable.class);
    assertThat(e.publicMessage())
        .isEqualTo("Decrypt (vault vlt-1, key key-1, version kv-1): the EKM is unreachable");
    assertThat(e.getMessage()).contains(jdk.getClass().getSimpleName());
  }

  @Test
  void transport_tlsAndTimeout_publicMessagesNameOnlyTheCategory() {
    URI url = URI.create("https://10.0.0.5:4443/v/vlt-1");
    SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
    untrusted.initCause(new CertPathBuilderException("unable to find valid certification path"));

    EkmUnavailable tls = EkmErrors.transport(CALL, url, Transport.classify(untrusted));
    EkmUnavailable slow =
        EkmErrors.transport(
            CALL,
            url,
            Transport.classify(
                new java.io.UncheckedIOException(
                    new java.net.SocketTimeoutException("Read timed out"))));

    assertThat(tls.publicMessage())
        .contains("TLS handshake with the EKM failed")
        .contains("not trusted")
        .doesNotContain("PKIX")
        .doesNotContain("Exception");
    assertThat(slow.publicMessage())
        .endsWith("the EKM did not answer in time")
        .doesNotContain("Exception");
  }

  @Test
  void identityTransport_closedOrFiltered_haveOnePublicMessageWithoutJdkText() {
    IdentityFailure refused =
        IdentityErrors.transport(
            OAUTH,
            OAUTH.fallbackTokenEndpoint(),
            IdentityErrors.TOKEN,
            Transport.classify(new ConnectException("Connection refused")));
    IdentityFailure filtered =
        IdentityErrors.transport(
            OAUTH,
            OAUTH.discoveryUrl(),
            IdentityErrors.DISCOVERY,
            Transport.classify(
                new java.io.UncheckedIOException(
                    new java.net.SocketTimeoutException("Connect timed out"))));

    assertThat(refused.publicMessage())
        .isEqualTo(filtered.publicMessage())
        .isEqualTo(
            "No access token for client kms-app from the identity server https://idp.test: it is"
                + " unreachable");
    assertThat(refused.getMessage()).contains("Connection refused");
  }

  @Test
  void identityRejected_publicMessageHasTheOauthErrorButNotItsDescription() {
    IdentityFailure e =
        IdentityErrors.rejected(OAUTH, "oci_ekms", 401, "invalid_client", "no such client x");

    assertThat(e.publicMessage()).endsWith("the client id or secret is wrong (invalid_client)");
    assertThat(e.getMessage()).contains("no such client x");
  }

  @Test
  void identityRejected_keycloak401UnauthorizedClient_saysSecretIsWrong() {
    IdentityFailure e =
        IdentityErrors.rejected(OAUTH, "oci_ekms", 401, "unauthorized_client", "Invalid client");

    assertThat(e.publicMessage())
        .endsWith("the client id or secret is wrong (unauthorized_client)");
  }

  @Test
  void identityRejected_invalidScope_namesTheScopeAsked() {
    IdentityFailure e = IdentityErrors.rejected(OAUTH, "oci_ekms", 400, "invalid_scope", "no");

    assertThat(e.publicMessage()).endsWith("may not ask for scope oci_ekms (invalid_scope)");
  }

  @Test
  void clean_controlCharactersAndLength_areRemovedAndBounded() {
    String cleaned = EkmErrors.clean("a\nb\u0000c" + "z".repeat(300));

    assertThat(cleaned).startsWith("abc").endsWith("...").hasSize(203);
  }
}
