package io.ekms.kms.ekmclient;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.kms.external.EkmException;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.EkmUnavailable;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The one place where what went wrong with an EKM call becomes an {@link EkmException}: transport
 * failures, error answers (docs/protocols/ekm-api.md, Errors) and malformed answers. Every message
 * starts with the call ({@code "Decrypt (vault v, key k, version kv): "}); the full one ends with
 * the EKM's code and its message (shortened, stripped of control characters) or the transport's
 * detail, the public one with the EKM's code or HTTP status only.
 */
final class EkmErrors {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final int MAX_REMOTE_MESSAGE = 200;
  private static final String MALFORMED = "the EKM's answer is malformed and was not used";

  private EkmErrors() {}

  static EkmUnavailable transport(EkmCall call, URI vaultUrl, TransportFailure failure) {
    String ekm = "the EKM at " + vaultUrl.getAuthority();
    String prefix = call.describe() + ": ";
    String detail = " (" + failure.detail() + ")";
    String unreachable = prefix + "the EKM is unreachable";
    String tls = prefix + "the TLS handshake with the EKM failed";
    return switch (failure.kind()) {
      case NOT_ALLOWED ->
          new EkmUnavailable.NotAllowed(
              prefix + ekm + " is not allowed by the KMS's egress policy: " + failure.detail(),
              prefix + "the EKM's address is not allowed by the KMS's egress policy",
              failure);
      // Refused, filtered, reset: one answer, so callers cannot tell a closed port from others.
      case CONNECT_FAILED, CONNECT_TIMEOUT ->
          new EkmUnavailable.Unreachable(
              prefix + ekm + " is unreachable: no connection could be made" + detail,
              unreachable,
              failure);
      case CONNECTION_LOST ->
          new EkmUnavailable.Unreachable(
              prefix + "the connection to " + ekm + " broke before it answered" + detail,
              unreachable,
              failure);
      case TIMED_OUT, INTERRUPTED ->
          new EkmUnavailable.TimedOut(
              prefix + ekm + " did not answer in time" + detail,
              prefix + "the EKM did not answer in time",
              failure);
      case TLS_UNTRUSTED ->
          new EkmUnavailable.TlsNotTrusted(
              prefix
                  + "the EKM's certificate is not trusted by the private endpoint's CA bundle"
                  + detail,
              tls + ": its certificate is not trusted by the private endpoint's CA bundle",
              failure);
      case TLS_NAME_MISMATCH ->
          new EkmUnavailable.TlsNotTrusted(
              prefix + "the EKM's certificate does not name " + vaultUrl.getHost() + detail,
              tls + ": its certificate does not name the endpoint's host",
              failure);
      case TLS_CLIENT_REFUSED ->
          new EkmUnavailable.TlsNotTrusted(
              prefix + ekm + " refused the KMS's client certificate (mutual TLS)" + detail,
              tls
                  + ": the EKM refused the KMS's client certificate; check the private endpoint's"
                  + " client certificate and the CAs the EKM trusts for clients",
              failure);
      case TLS_FAILED ->
          new EkmUnavailable.TlsNotTrusted(
              prefix + "the TLS handshake with " + ekm + " failed" + detail, tls, failure);
      case ANSWER_TOO_LARGE ->
          new EkmUnavailable.MalformedAnswer(
              prefix + ekm + " sent a malformed answer: " + failure.detail(),
              prefix + MALFORMED,
              failure);
    };
  }

  static EkmUnavailable.MalformedAnswer malformed(EkmCall call, String reason) {
    return new EkmUnavailable.MalformedAnswer(
        call.describe() + ": the EKM's answer is malformed and was not used: " + reason,
        call.describe() + ": " + MALFORMED,
        null);
  }

  /** The exception for an error answer (not 2xx). */
  static EkmException answer(EkmCall call, OAuthClient oauth, Transport.Answer answer) {
    return answer(call, oauth, answer.status(), answer.body(), answer.retryAfterSeconds());
  }

  /** As {@link #answer(EkmCall, OAuthClient, Transport.Answer)}, without a Retry-After. */
  static EkmException answer(EkmCall call, OAuthClient oauth, int status, byte[] body) {
    return answer(call, oauth, status, body, 0);
  }

  private static EkmException answer(
      EkmCall call, OAuthClient oauth, int status, byte[] body, long retryAfter) {
    Remote remote = Remote.of(body);
    String code = remote.code();
    String said =
        code == null ? " (HTTP " + status + ")" : " (" + code + ": " + remote.message() + ")";
    String named = code == null ? " (HTTP " + status + ")" : " (" + code + ")";
    String prefix = call.describe() + ": ";
    return switch (status) {
      case 400 -> {
        if ("DecryptionFailed".equals(code)) {
          String what = "the ciphertext, IV, tag or associated data do not authenticate";
          yield new EkmRefused.DecryptionFailed(prefix + what + said, prefix + what + named, code);
        }
        String what = "the EKM found the request invalid";
        yield new EkmRefused.InvalidRequest(prefix + what + said, prefix + what + named, code);
      }
      case 401 -> {
        String what =
            "token refused: the EKM does not accept the access token issued to client "
                + oauth.clientAppId()
                + " by "
                + oauth.idcsAccountNameUrl();
        yield new EkmRefused.NotAuthorized(prefix + what + said, prefix + what + named, code);
      }
      case 403 -> forbidden(call, oauth, code, prefix, said, named);
      case 404 -> {
        String what = "the EKM has no such vault, key or key version, or it is deleted";
        yield new EkmRefused.NotFound(prefix + what + said, prefix + what + named, code);
      }
      case 405 -> {
        String what = "the EKM does not offer this operation";
        yield new EkmRefused.NotOffered(prefix + what + said, prefix + what + named, code);
      }
      case 409 -> {
        String what = "the EKM cannot do it in the key's present state";
        yield new EkmRefused.Conflict(prefix + what + said, prefix + what + named, code);
      }
      case 429 -> {
        String what = "the EKM is rate limiting this vault";
        yield new EkmUnavailable.Busy(
            prefix + what + said, prefix + what + named, code, 429, retryAfter);
      }
      case 503 -> {
        String what = "the EKM failed with HTTP 503";
        yield new EkmUnavailable.Busy(
            prefix + what + said, prefix + what + named, code, 503, retryAfter);
      }
      default -> {
        if (status >= 500 && status <= 599) {
          String what = "the EKM failed with HTTP " + status;
          yield new EkmUnavailable.ServerError(prefix + what + said, prefix + what + named, code);
        }
        yield malformed(call, "unexpected HTTP status " + status + said);
      }
    };
  }

  private static EkmException forbidden(
      EkmCall call, OAuthClient oauth, String code, String prefix, String said, String named) {
    String what =
        switch (code == null ? "" : code) {
          case "VaultBlocked" -> "vault " + call.vaultId() + " is blocked in the EKM";
          case "KeyDisabled" -> "key " + call.keyId() + " is disabled in the EKM";
          case "KeyVersionDisabled" ->
              "key version "
                  + (call.keyVersionId() == null ? "(current)" : call.keyVersionId())
                  + " of key "
                  + call.keyId()
                  + " is disabled in the EKM";
          case "OperationNotPermitted" ->
              "key " + call.keyId() + " does not permit " + call.operation() + " in the EKM";
          case "PolicyDenied" ->
              "a key-access policy in the EKM refused "
                  + call.operation()
                  + " with key "
                  + call.keyId();
          default -> null;
        };
    if (what != null) {
      return new EkmRefused.Unusable(prefix + what + said, prefix + what + named, code);
    }
    if ("RotationDenied".equals(code)) {
      String denied = "the EKM's policy for key " + call.keyId() + " denies rotation by the KMS";
      return new EkmRefused.RotationDenied(prefix + denied + said, prefix + denied + named, code);
    }
    String refused =
        "token refused: the EKM does not authorize client "
            + oauth.clientAppId()
            + " for vault "
            + call.vaultId();
    return new EkmRefused.NotAuthorized(prefix + refused + said, prefix + refused + named, code);
  }

  /** The EKM's {@code code} (null unless well formed) and its cleaned-up message. */
  private record Remote(String code, String message) {
    static Remote of(byte[] body) {
      try {
        JsonNode node = AnswerJson.tree(body);
        String code = node.path("code").asText("");
        return new Remote(
            CODE.matcher(code).matches() ? code : null, clean(node.path("message").asText("")));
      } catch (AnswerJson.Malformed e) {
        return new Remote(null, "");
      }
    }
  }

  /** At most 200 characters of {@code text}, without control characters. */
  static String clean(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .filter(c -> !Character.isISOControl(c))
        .limit(MAX_REMOTE_MESSAGE)
        .forEach(out::appendCodePoint);
    return text.codePointCount(0, text.length()) > MAX_REMOTE_MESSAGE
        ? out.append("...").toString()
        : out.toString();
  }
}
