package io.ekms.kms.ekmclient;

/**
 * Sentences for failures to obtain an access token. Each names the identity server and the client
 * id (never the secret) and says what went wrong, with the server's OAuth error code when it sent
 * one.
 */
final class IdentityErrors {
  private IdentityErrors() {}

  static IdentityFailure.Rejected rejected(
      OAuthClient client, int status, String error, String description) {
    String why =
        "invalid_client".equals(error)
            ? "the client id or secret is wrong"
            : "invalid_scope".equals(error)
                ? "the client may not ask for scope " + client.scope()
                : "the client-credentials request was refused";
    String said =
        error == null ? " (HTTP " + status + ")" : " (" + error + ": " + description + ")";
    return new IdentityFailure.Rejected(prefix(client) + why + said, error);
  }

  static IdentityFailure.Unavailable unavailable(OAuthClient client, String what, String error) {
    return new IdentityFailure.Unavailable(prefix(client) + what, error, null);
  }

  static IdentityFailure.Unavailable transport(OAuthClient client, TransportFailure failure) {
    String detail = " (" + failure.detail() + ")";
    String what =
        switch (failure.kind()) {
          case CONNECT_FAILED, CONNECT_TIMEOUT -> "it is unreachable";
          case CONNECTION_LOST -> "the connection broke before it answered";
          case TIMED_OUT, INTERRUPTED -> "it did not answer in time";
          case TLS_UNTRUSTED -> "its certificate is not trusted by the identity CA bundle";
          case TLS_NAME_MISMATCH ->
              "its certificate does not name " + client.tokenEndpoint().getHost();
          case TLS_FAILED -> "the TLS handshake failed";
          case ANSWER_TOO_LARGE -> "its token answer is too large";
        };
    return new IdentityFailure.Unavailable(prefix(client) + what + detail, null, failure);
  }

  private static String prefix(OAuthClient client) {
    return "No access token for client "
        + client.clientAppId()
        + " from the identity server "
        + client.idcsAccountNameUrl()
        + ": ";
  }
}
