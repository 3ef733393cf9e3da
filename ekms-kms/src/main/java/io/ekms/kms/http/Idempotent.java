package io.ekms.kms.http;

import io.ekms.common.json.Json;
import io.ekms.core.http.Exchange.Route;
import io.ekms.core.http.Reply;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.RetryTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code opc-retry-token} of creates and actions: a route run once per (principal, token); a
 * retry with the same request gets the first answer again, one with another request 409
 * RetryTokenReused ({@link RetryTokens}).
 */
final class Idempotent {
  private final RetryTokens tokens;

  Idempotent(RetryTokens tokens) {
    this.tokens = tokens;
  }

  /** {@code route}, honouring the request's retry token when it has one. */
  Route<Caller> route(String operation, Route<Caller> route) {
    return (request, caller) -> {
      String token = request.header("opc-retry-token");
      if (token == null) {
        return route.handle(request, caller);
      }
      String principal = caller.principalId();
      var stored = tokens.begin(principal, token, operation, hash(request));
      if (stored.isPresent()) {
        byte[] body = stored.get().body().getBytes(StandardCharsets.UTF_8);
        return new Reply(stored.get().status(), Json.read(body, Object.class));
      }
      try {
        Reply reply = route.handle(request, caller);
        tokens.complete(principal, token, reply.status(), Json.writeString(reply.body()));
        return reply;
      } catch (RuntimeException e) {
        tokens.release(principal, token);
        throw e;
      }
    };
  }

  private static String hash(io.ekms.core.http.Request request) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(request.method().getBytes(StandardCharsets.UTF_8));
      d.update(request.rawPath().getBytes(StandardCharsets.UTF_8));
      d.update(request.body());
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
