package io.ekms.kms.ekmclient;

import io.ekms.common.secret.Wipe;
import io.ekms.core.http.RequestId;
import io.ekms.kms.ekmclient.AnswerJson.Malformed;
import io.ekms.kms.external.EkmException;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * One request-answer exchange with a vault's EKM endpoint: the bearer token, the request id, the
 * single 401 retry with a fresh token, and the mapping of every failure to an {@link EkmException}.
 * Request bodies and answers are wiped once used.
 */
final class EkmExchange {
  private static final int MAX_ANSWER = 256 * 1024;

  private final URI vaultUrl;
  private final Transports transports;
  private final Transports.Route route;
  private final AccessTokens tokens;
  private final OAuthClient oauth;

  EkmExchange(
      URI vaultUrl,
      Transports transports,
      Transports.Route route,
      AccessTokens tokens,
      OAuthClient oauth) {
    this.vaultUrl = vaultUrl;
    this.transports = transports;
    this.route = route;
    this.tokens = tokens;
    this.oauth = oauth;
  }

  URI vaultUrl() {
    return vaultUrl;
  }

  /** Parses a success body; throwing {@link Malformed} means the answer is not used. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(byte[] body) throws Malformed;
  }

  <T> T call(
      EkmCall call, String requestId, String method, String path, byte[] body, Parser<T> parser) {
    try {
      if (requestId == null || !RequestId.isValid(requestId)) {
        throw new IllegalArgumentException("requestId must be 1 to 98 of A-Z a-z 0-9 . _ : / -");
      }
      Transport.Answer answer = send(call, requestId, method, path, body);
      try {
        if (answer.status() < 200 || answer.status() > 299) {
          throw EkmErrors.answer(call, oauth, answer.status(), answer.body());
        }
        return parser.parse(answer.body());
      } catch (Malformed e) {
        throw EkmErrors.malformed(call, e.getMessage());
      } finally {
        answer.wipe();
      }
    } finally {
      Wipe.bytes(body);
    }
  }

  /** Sends with a cached token; on 401, once more with a freshly fetched one. */
  private Transport.Answer send(
      EkmCall call, String requestId, String method, String path, byte[] body) {
    AccessTokens.Token token = tokens.get(oauth);
    Transport.Answer answer = sendOnce(call, token, requestId, method, path, body);
    if (answer.status() == 401) {
      // A 401 is decided before the EKM does anything, so the request is safe to repeat.
      answer.wipe();
      tokens.discard(oauth, token);
      answer = sendOnce(call, tokens.get(oauth), requestId, method, path, body);
    }
    return answer;
  }

  private Transport.Answer sendOnce(
      EkmCall call,
      AccessTokens.Token token,
      String requestId,
      String method,
      String path,
      byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(vaultUrl + path))
            .header("Authorization", "Bearer " + token.value())
            .header("opc-request-id", requestId)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    try {
      return transports.send(route, request.build(), MAX_ANSWER);
    } catch (TransportFailure failure) {
      throw EkmErrors.transport(call, vaultUrl, failure);
    }
  }

  @Override
  public String toString() {
    return vaultUrl + ", " + oauth;
  }
}
