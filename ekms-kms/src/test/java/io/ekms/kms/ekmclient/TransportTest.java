package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.ekmclient.TransportFailure.Kind;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How the HTTP client's failures are sorted; the live cases run in the end-to-end tests. */
class TransportTest {
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            handshake(tls(new CertPathBuilderException("unable to find valid path"))),
            Kind.TLS_UNTRUSTED),
        Arguments.of(
            handshake(tls(new CertificateException("No subject alternative names"))),
            Kind.TLS_NAME_MISMATCH),
        Arguments.of(handshake(new SSLHandshakeException("protocol_version")), Kind.TLS_FAILED),
        Arguments.of(
            handshake(new SSLHandshakeException("Received fatal alert: certificate_required")),
            Kind.TLS_CLIENT_REFUSED),
        Arguments.of(
            new UncheckedIOException(
                new javax.net.ssl.SSLException("Received fatal alert: unknown_ca")),
            Kind.TLS_CLIENT_REFUSED),
        Arguments.of(
            new UncheckedIOException(new SocketTimeoutException("Connect timed out")),
            Kind.CONNECT_TIMEOUT),
        Arguments.of(handshake(new SocketTimeoutException("Read timed out")), Kind.CONNECT_TIMEOUT),
        Arguments.of(
            new UncheckedIOException(new SocketTimeoutException("Read timed out")), Kind.TIMED_OUT),
        Arguments.of(
            new UncheckedIOException(new ConnectException("Connection refused")),
            Kind.CONNECT_FAILED),
        Arguments.of(
            new UncheckedIOException(new java.io.IOException("Connection reset")),
            Kind.CONNECTION_LOST),
        Arguments.of(
            new io.helidon.common.buffers.DataReader.InsufficientDataAvailableException(),
            Kind.CONNECTION_LOST),
        Arguments.of(new BoundedBody.TooLargeException(10), Kind.ANSWER_TOO_LARGE));
  }

  /** As Helidon reports a failed TLS handshake. */
  static UncheckedIOException handshake(java.io.IOException cause) {
    return new UncheckedIOException("Failed to execute SSL handshake", cause);
  }

  @ParameterizedTest
  @MethodSource("failures")
  void classify_clientFailure_sortsIntoKind(Throwable failure, Kind kind) {
    TransportFailure classified = Transport.classify(failure);

    assertThat(classified.kind()).isEqualTo(kind);
    assertThat(classified.getCause()).isSameAs(failure);
    assertThat(classified.detail()).isNotBlank();
  }

  static SSLHandshakeException tls(Exception cause) {
    SSLHandshakeException e = new SSLHandshakeException("handshake failed");
    e.initCause(cause);
    return e;
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      value = {
        "7,7",
        "0,1",
        "3600,3600",
        "999999,3600",
        "' 12 ',12",
        "-1,0",
        "1.5,0",
        "x,0",
        "'Wed, 21 Oct 2015 07:28:00 GMT',0",
        "1234567,0",
        "'',0"
      },
      emptyValue = "")
  void retryAfter_headerValues_wholeSecondsBoundedOrNone(String header, long expected) {
    assertThat(Transport.retryAfter(header)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void retryAfter_noHeader_none() {
    assertThat(Transport.retryAfter(null)).isZero();
  }
}
