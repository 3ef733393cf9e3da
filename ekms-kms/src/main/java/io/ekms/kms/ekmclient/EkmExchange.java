package io.ekms.kms.ekmclient;

import io.ekms.common.secret.Wipe;
import io.ekms.core.http.RequestId;
import io.ekms.kms.ekmclient.AnswerJson.Malformed;
import io.ekms.kms.external.EkmException;
import java.net.URI;
import java.util.List;

/**
 * One request-answer exchange with a vault's EKM: the bearer token, the request id, the single 401
 * retry with a fresh token, the failover between the EKM's nodes, and the mapping of every failure
 * to an {@link EkmException}. Request bodies and answers are wiped once used.
 *
 * <p>Failover (when the private endpoint lists several nodes): the call goes to the first node
 * {@link Outages} does not keep out; if that node cannot be reached, does not answer in time, loses
 * the connection or answers 5xx, it is kept out and the call is sent once more, to the next node.
 * Any other answer is the answer: a 4xx (a disabled key, a blocked vault, a refused token) is never
 * asked of another node, since that would let one node's refusal be bypassed. With one node, only a
 * connect timeout is retried, on that node.
 */
final class EkmExchange {
  private static final int MAX_ANSWER = 256 * 1024;

  /** One node of the EKM: the vault's URL on it, and the route there. */
  record Node(URI vaultUrl, Transports.Route route) {}

  private final URI vaultUrl;
  private final List<Node> nodes;
  private final Transports transports;
  private final Outages outages;
  private final AccessTokens tokens;
  private final OAuthClient oauth;

  /** {@code nodes}: 1 or more, in the order they are preferred. */
  EkmExchange(
      URI vaultUrl,
      List<Node> nodes,
      Transports transports,
      Outages outages,
      AccessTokens tokens,
      OAuthClient oauth) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("an EKM has at least one node");
    }
    this.vaultUrl = vaultUrl;
    this.nodes = List.copyOf(nodes);
    this.transports = transports;
    this.outages = outages;
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

  /** Parses a success body knowing its status (200 to 299). */
  @FunctionalInterface
  interface StatusParser<T> {
    T parse(int status, byte[] body) throws Malformed;
  }

  <T> T call(
      EkmCall call, String requestId, String method, String path, byte[] body, Parser<T> parser) {
    return call(call, requestId, method, path, body, true, (status, b) -> parser.parse(b));
  }

  /**
   * As above; {@code repeatable} false (a rotation) sends the request to another node only when it
   * cannot have reached the first (no connection was made), never after a 5xx, a timeout or a lost
   * connection.
   */
  <T> T call(
      EkmCall call,
      String requestId,
      String method,
      String path,
      byte[] body,
      boolean repeatable,
      StatusParser<T> parser) {
    try {
      if (requestId == null || !RequestId.isValid(requestId)) {
        throw new IllegalArgumentException("requestId must be 1 to 98 of A-Z a-z 0-9 . _ : / -");
      }
      Transport.Answer answer = send(call, requestId, method, path, body, repeatable);
      try {
        if (answer.status() < 200 || answer.status() > 299) {
          throw EkmErrors.answer(call, oauth, answer);
        }
        return parser.parse(answer.status(), answer.body());
      } catch (Malformed e) {
        throw EkmErrors.malformed(call, e.getMessage());
      } finally {
        answer.wipe();
      }
    } finally {
      Wipe.bytes(body);
    }
  }

  /** Sends to the node to ask now, and once more to another node if that one failed. */
  private Transport.Answer send(
      EkmCall call, String requestId, String method, String path, byte[] body, boolean repeatable) {
    if (nodes.size() == 1) {
      Node only = nodes.get(0);
      try {
        return sendTo(only, requestId, method, path, body, true);
      } catch (TransportFailure failure) {
        throw EkmErrors.transport(call, only.vaultUrl(), failure);
      }
    }
    Node node = outages.pick(nodes, Node::route, null);
    EkmException earlier = null;
    for (boolean first = true; ; first = false) {
      try {
        Transport.Answer answer = sendTo(node, requestId, method, path, body, false);
        if (answer.status() < 500 || answer.status() > 599) {
          outages.answered(node.route());
          return answer;
        }
        outages.failed(node.route(), "HTTP " + answer.status());
        Node next = first && repeatable ? outages.pick(nodes, Node::route, node) : null;
        if (next == null) {
          return answer;
        }
        answer.wipe();
        node = next;
      } catch (TransportFailure failure) {
        EkmException error = EkmErrors.transport(call, node.vaultUrl(), failure);
        if (earlier != null) {
          error.addSuppressed(earlier);
        }
        if (!failure.kind().failsOver() || !(repeatable || failure.kind().noConnection())) {
          throw error;
        }
        outages.failed(node.route(), failure.kind().name());
        Node next = first ? outages.pick(nodes, Node::route, node) : null;
        if (next == null) {
          throw error;
        }
        earlier = error;
        node = next;
      }
    }
  }

  /** Sends with a cached token; on 401, once more (same node) with a freshly fetched one. */
  private Transport.Answer sendTo(
      Node node, String requestId, String method, String path, byte[] body, boolean retryConnect)
      throws TransportFailure {
    AccessTokens.Token token = tokens.get(oauth);
    Transport.Answer answer = sendOnce(node, token, requestId, method, path, body, retryConnect);
    if (answer.status() == 401) {
      // A 401 is decided before the EKM does anything, so the request is safe to repeat.
      answer.wipe();
      tokens.discard(oauth, token);
      answer = sendOnce(node, tokens.get(oauth), requestId, method, path, body, retryConnect);
    }
    return answer;
  }

  private Transport.Answer sendOnce(
      Node node,
      AccessTokens.Token token,
      String requestId,
      String method,
      String path,
      byte[] body,
      boolean retryConnect)
      throws TransportFailure {
    Outbound.Builder request =
        Outbound.to(URI.create(node.vaultUrl() + path))
            .header("Authorization", "Bearer " + token.value())
            .header("opc-request-id", requestId)
            .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return transports.send(node.route(), request.method(method, body), MAX_ANSWER, retryConnect);
  }

  @Override
  public String toString() {
    return vaultUrl + (nodes.size() > 1 ? " (" + nodes.size() + " nodes)" : "") + ", " + oauth;
  }
}
