package io.ekms.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.ServerResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponsesTest {
  @Test
  void json_afterSending_wipesTheEncodedAnswer() {
    List<byte[]> sent = new ArrayList<>();
    List<String> seenWhileSending = new ArrayList<>();
    ServerResponse response = recording(sent, seenWhileSending);

    Responses.json(response, 200, Map.of("plaintext", "c2VjcmV0"));

    assertThat(seenWhileSending).containsExactly("{\"plaintext\":\"c2VjcmV0\"}");
    assertThat(sent).singleElement().satisfies(bytes -> assertThat(bytes).containsOnly(0));
  }

  /** A response that keeps what {@code send(byte[])} was given, and its text at that moment. */
  private static ServerResponse recording(List<byte[]> sent, List<String> seenWhileSending) {
    return (ServerResponse)
        Proxy.newProxyInstance(
            ResponsesTest.class.getClassLoader(),
            new Class<?>[] {ServerResponse.class},
            (proxy, method, args) -> {
              if (method.getName().equals("send")
                  && args != null
                  && args.length == 1
                  && args[0] instanceof byte[] bytes) {
                sent.add(bytes);
                seenWhileSending.add(new String(bytes, StandardCharsets.UTF_8));
                return null;
              }
              return method.getReturnType().isInstance(proxy) ? proxy : null;
            });
  }
}
