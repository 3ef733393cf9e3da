package io.ekms.kms.ekmclient;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The one place where what went wrong with an EKM call becomes an {@link EkmException}: transport
 * failures, error answers (ekm-api.md, Errors) and malformed answers. Every message starts with the
 * call ({@code "Decrypt (vault v, key k, version kv): "}) and ends with the EKM's code and its
 * message, shortened and stripped of control characters.
 */
final class EkmErrors {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final int MAX_REMOTE_MESSAGE = 200;

  private EkmErrors() {}

  static EkmUnavailable transport(EkmCall call, URI vaultUrl, TransportFailure failure) {
    String ekm = "the EKM at " + vaultUrl.getAuthority();
    String prefix = call.describe() + ": ";
    String detail = " (" + failure.detail() + ")";
    return switch (failure.kind()) {
      case CONNECT_FAILED, CONNECT_TIMEOUT ->
          new EkmUnavailable.Unreachable(
              prefix + ekm + " is unreachable: no connection could be made" + detail, failure);
      case CONNECTION_LOST ->
          new EkmUnavailable.Unreachable(
              prefix + "the connection to " + ekm + " broke before it answered" + detail, failure);
      case TIMED_OUT, INTERRUPTED ->
          new EkmUnavailable.TimedOut(prefix + ekm + " did not answer in time" + detail, failure);
      case TLS_UNTRUSTED ->
          new EkmUnavailable.TlsNotTrusted(
              prefix
                  + "the EKM's certificate is not trusted by the private endpoint's CA bundle"
                  + detail,
              failure);
      case TLS_NAME_MISMATCH ->
          new EkmUnavailable.TlsNotTrusted(
              prefix + "the EKM's certificate does not name " + vaultUrl.getHost() + detail,
              failure);
      case TLS_FAILED ->
          new EkmUnavailable.TlsNotTrusted(
              prefix + "the TLS handshake with " + ekm + " failed" + detail, failure);
      case ANSWER_TOO_LARGE ->
          new EkmUnavailable.MalformedAnswer(
              prefix + ekm + " sent a malformed answer: " + failure.detail(), failure);
    };
  }

  static EkmUnavailable.MalformedAnswer malformed(EkmCall call, String reason) {
    return new EkmUnavailable.MalformedAnswer(
        call.describe() + ": the EKM's answer is malformed and was not used: " + reason, null);
  }

  /** The exception for an error answer with {@code status} (not 2xx). */
  static EkmException answer(EkmCall call, OAuthClient oauth, int status, byte[] body) {
    Remote remote = Remote.of(body);
    String code = remote.code();
    String said =
        code == null ? " (HTTP " + status + ")" : " (" + code + ": " + remote.message() + ")";
    String prefix = call.describe() + ": ";
    return switch (status) {
      case 400 ->
          "DecryptionFailed".equals(code)
              ? new EkmRefused.DecryptionFailed(
                  prefix + "the ciphertext, IV, tag or associated data do not authenticate" + said,
                  code)
              : new EkmRefused.InvalidRequest(
                  prefix + "the EKM found the request invalid" + said, code);
      case 401 ->
          new EkmRefused.NotAuthorized(
              prefix
                  + "token refused: the EKM does not accept the access token issued to client "
                  + oauth.clientAppId()
                  + " by "
                  + oauth.idcsAccountNameUrl()
                  + said,
              code);
      case 403 -> forbidden(call, oauth, code, prefix, said);
      case 404 ->
          new EkmRefused.NotFound(
              prefix + "the EKM has no such vault, key or key version, or it is deleted" + said,
              code);
      case 429 ->
          new EkmUnavailable.ServerError(
              prefix + "the EKM is rate limiting this vault" + said, code);
      default ->
          status >= 500 && status <= 599
              ? new EkmUnavailable.ServerError(
                  prefix + "the EKM failed with HTTP " + status + said, code)
              : malformed(call, "unexpected HTTP status " + status + said);
    };
  }

  private static EkmException forbidden(
      EkmCall call, OAuthClient oauth, String code, String prefix, String said) {
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
          default -> null;
        };
    if (what != null) {
      return new EkmRefused.Unusable(prefix + what + said, code);
    }
    return new EkmRefused.NotAuthorized(
        prefix
            + "token refused: the EKM does not authorize client "
            + oauth.clientAppId()
            + " for vault "
            + call.vaultId()
            + said,
        code);
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
