package io.ekms.kms.ekmclient;

import io.ekms.kms.external.IdentityFailure;
import java.net.URI;

/**
 * Sentences for failures to obtain an access token. Each names the identity server and the client
 * id (never the secret) and says what went wrong: the full sentence with the server's OAuth error
 * code and description or the transport's detail, the public one with the category and the OAuth
 * error code only.
 */
final class IdentityErrors {
  /** What was being read, for {@link #transport}. */
  static final String TOKEN = "token answer";

  static final String DISCOVERY = "discovery document";

  private IdentityErrors() {}

  /**
   * The token request for {@code scope} was refused with {@code status} and OAuth {@code error}.
   */
  static IdentityFailure.Rejected rejected(
      OAuthClient client, String scope, int status, String error, String description) {
    String why =
        // 401 is client authentication failing (RFC 6749 section 5.2), whatever the code: Keycloak
        // answers a wrong secret with 401 unauthorized_client.
        "invalid_client".equals(error) || status == 401
            ? "the client id or secret is wrong"
            : "invalid_scope".equals(error)
                ? "the client may not ask for scope " + scope
                : "the client-credentials request was refused";
    String said =
        error == null ? " (HTTP " + status + ")" : " (" + error + ": " + description + ")";
    String named = error == null ? " (HTTP " + status + ")" : " (" + error + ")";
    return new IdentityFailure.Rejected(
        prefix(client) + why + said, prefix(client) + why + named, error);
  }

  /** {@code what} for the log, {@code publicWhat} for the caller. */
  static IdentityFailure.Unavailable unavailable(
      OAuthClient client, String what, String publicWhat, String error) {
    return new IdentityFailure.Unavailable(
        prefix(client) + what, prefix(client) + publicWhat, error, null);
  }

  /** A request to {@code url} for the {@code what} ({@link #TOKEN}, {@link #DISCOVERY}) failed. */
  static IdentityFailure.Unavailable transport(
      OAuthClient client, URI url, String what, TransportFailure failure) {
    String detail = " (" + failure.detail() + ")";
    String tls = "the TLS handshake failed";
    String publicWhat =
        switch (failure.kind()) {
          case NOT_ALLOWED -> "its address is not allowed by the KMS's egress policy";
          // Refused, filtered, reset: one answer, so callers cannot tell a closed port from others.
          case CONNECT_FAILED, CONNECT_TIMEOUT, CONNECTION_LOST -> "it is unreachable";
          case TIMED_OUT, INTERRUPTED -> "it did not answer in time";
          case TLS_UNTRUSTED -> tls + ": its certificate is not trusted by the identity CA bundle";
          case TLS_NAME_MISMATCH -> tls + ": its certificate does not name its host";
          case TLS_CLIENT_REFUSED -> tls + ": it asks for a client certificate";
          case TLS_FAILED -> tls;
          case ANSWER_TOO_LARGE -> "its " + what + " is malformed and was not used";
        };
    String said =
        switch (failure.kind()) {
          case NOT_ALLOWED -> "it is not allowed by the KMS's egress policy: " + failure.detail();
          case CONNECT_FAILED, CONNECT_TIMEOUT -> "it is unreachable" + detail;
          case CONNECTION_LOST -> "the connection broke before it answered" + detail;
          case TIMED_OUT, INTERRUPTED -> "it did not answer in time" + detail;
          case TLS_UNTRUSTED -> "its certificate is not trusted by the identity CA bundle" + detail;
          case TLS_NAME_MISMATCH -> "its certificate does not name " + url.getHost() + detail;
          case TLS_CLIENT_REFUSED -> "it asks for a client certificate" + detail;
          case TLS_FAILED -> tls + detail;
          case ANSWER_TOO_LARGE -> "its " + what + " is too large" + detail;
        };
    return new IdentityFailure.Unavailable(
        prefix(client) + said, prefix(client) + publicWhat, null, failure);
  }

  private static String prefix(OAuthClient client) {
    return "No access token for client "
        + client.clientAppId()
        + " from the identity server "
        + client.idcsAccountNameUrl()
        + ": ";
  }
}
