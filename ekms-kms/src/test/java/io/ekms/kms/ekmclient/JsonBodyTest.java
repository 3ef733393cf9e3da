package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.json.Json;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
  @Test
  void toBytes_fields_areExactJsonOfExactSize() throws Exception {
    byte[] body =
        new JsonBody()
            .binary("plaintext", new byte[] {1, 2, 3, 4})
            .binary("aad", null)
            .text("keyVersionId", "kv-1")
            .number("length", 32)
            .toBytes();

    assertThat(new String(body, UTF_8))
        .isEqualTo("{\"plaintext\":\"AQIDBA==\",\"keyVersionId\":\"kv-1\",\"length\":32}");
    assertThat(Json.mapper().readTree(body).path("length").asInt()).isEqualTo(32);
  }

  @Test
  void toBytes_noFields_isEmptyObject() {
    assertThat(new String(new JsonBody().toBytes(), UTF_8)).isEqualTo("{}");
  }

  @Test
  void text_quoteOrControlCharacter_isRefused() {
    assertThatThrownBy(() -> new JsonBody().text("id", "a\"b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JsonBody().text("id", "a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
