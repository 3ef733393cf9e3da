package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.kms.external.EkmException;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.EkmUnavailable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A refusal from one node is the answer: the other node, which would answer 200, is never asked.
 * Were it asked, a key disabled or a vault blocked through one node could still be used through the
 * other. Each case fails if the refusal is retried elsewhere.
 */
class EkmFailoverRefusalTest {
  final TwoNodes nodes = new TwoNodes();

  @AfterEach
  void stop() {
    nodes.close();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(403, "KeyDisabled", EkmRefused.Unusable.class),
        Arguments.of(403, "KeyVersionDisabled", EkmRefused.Unusable.class),
        Arguments.of(403, "VaultBlocked", EkmRefused.Unusable.class),
        Arguments.of(403, "OperationNotPermitted", EkmRefused.Unusable.class),
        Arguments.of(403, "Forbidden", EkmRefused.NotAuthorized.class),
        Arguments.of(400, "DecryptionFailed", EkmRefused.DecryptionFailed.class),
        Arguments.of(400, "InvalidParameter", EkmRefused.InvalidRequest.class),
        Arguments.of(404, "NotFound", EkmRefused.NotFound.class),
        Arguments.of(429, "TooManyRequests", EkmUnavailable.Busy.class));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("refusals")
  void call_firstNodeRefuses_isTheAnswerAndTheSecondNodeIsNeverAsked(
      int status, String code, Class<? extends EkmException> expected) {
    nodes.a.then(status, "{\"code\":\"" + code + "\",\"message\":\"no\"}");
    nodes.a.then(200, encrypted());
    nodes.b.then(200, encrypted());
    EkmClient client = nodes.client();

    assertThatThrownBy(() -> client.encrypt("req-refused", "key-1", null, new byte[] {1}, null))
        .isInstanceOf(expected);
    assertThat(nodes.a.seen()).hasSize(1);
    assertThat(nodes.b.seen()).isEmpty();

    // A node that refused has answered: it is not kept out, the next call goes to it again.
    client.encrypt("req-after", "key-1", null, new byte[] {1}, null);
    assertThat(nodes.a.seen()).hasSize(2);
    assertThat(nodes.b.seen()).isEmpty();
  }

  @Test
  void call_firstNodeRefusesTheTokenTwice_isTheAnswerAndTheSecondNodeIsNeverAsked() {
    nodes.a.then(401, "{\"code\":\"NotAuthenticated\",\"message\":\"no\"}");
    nodes.a.then(401, "{\"code\":\"NotAuthenticated\",\"message\":\"no\"}");
    nodes.b.then(200, encrypted());

    assertThatThrownBy(() -> nodes.client().encrypt("req-401", "key-1", null, new byte[] {1}, null))
        .isInstanceOf(EkmRefused.NotAuthorized.class);
    assertThat(nodes.a.seen()).hasSize(2); // the one retry with a fresh token, same node
    assertThat(nodes.b.seen()).isEmpty();
  }

  @Test
  void call_firstNodeKeptOutThenSecondNodeRefuses_refusalIsTheAnswer() {
    nodes.a.then(503, "{}");
    nodes.b.then(403, "{\"code\":\"KeyDisabled\",\"message\":\"disabled\"}");
    nodes.a.then(200, encrypted());

    // a fails, b refuses: b's refusal stands, and a (which would now answer 200) is not asked.
    assertThatThrownBy(() -> nodes.client().encrypt("req-kd", "key-1", null, new byte[] {1}, null))
        .isInstanceOf(EkmRefused.Unusable.class)
        .hasMessageContaining("disabled in the EKM");
    assertThat(nodes.a.seen()).hasSize(1);
    assertThat(nodes.b.seen()).hasSize(1);
  }

  /** An Encrypt answer for one byte under key-1, version kv-1. */
  static String encrypted() {
    return "{\"ciphertext\":\"AQ==\",\"iv\":\"AAAAAAAAAAAAAAAA\",\"tag\":\"AAAAAAAAAAAAAAAAAAAAAA==\","
        + "\"keyId\":\"key-1\",\"keyVersionId\":\"kv-1\",\"mode\":\"AES_GCM\"}";
  }
}
