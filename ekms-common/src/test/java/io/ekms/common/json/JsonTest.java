package io.ekms.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  /** Looks like a credential: it must never come back in an error message. */
  private static final String SECRET = "sk_live_S3CR3T";

  record Request(String plaintext, Integer count, List<Integer> sizes) {}

  record Counter(int count) {}

  record Tagged(Map<String, Integer> tags) {}

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertRefusedWithoutEcho(String json, Class<?> type) {
    assertThatThrownBy(() -> Json.read(utf8(json), type))
        .isInstanceOf(JsonInputException.class)
        .hasNoCause()
        .message()
        .doesNotContain(SECRET)
        .doesNotContain("S3CR3T");
  }

  @Test
  void read_validBody_returnsRecord() {
    Request r =
        Json.read(utf8("{\"plaintext\":\"aGk=\",\"count\":3,\"sizes\":[1,2]}"), Request.class);
    assertThat(r).isEqualTo(new Request("aGk=", 3, List.of(1, 2)));
  }

  @Test
  void read_unknownFields_areIgnored() {
    Request r =
        Json.read(utf8("{\"plaintext\":\"x\",\"future\":{\"a\":[1,2]},\"v\":2}"), Request.class);
    assertThat(r).isEqualTo(new Request("x", null, null));
  }

  @Test
  void read_duplicateKey_refusedWithoutEchoingValue() {
    String json = "{\"plaintext\":\"" + SECRET + "\",\"plaintext\":\"" + SECRET + "\"}";
    assertRefusedWithoutEcho(json, Request.class);
    assertThatThrownBy(() -> Json.read(utf8(json), Request.class))
        .hasMessage("The request body is not valid JSON at line 1, column 42.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"plaintext\":\"x\"} {\"plaintext\":\"" + SECRET + "\"}",
        "{\"plaintext\":\"x\"}" + SECRET,
        "{\"plaintext\":\"x\"}]"
      })
  void read_trailingTokens_refusedWithoutEcho(String json) {
    assertRefusedWithoutEcho(json, Request.class);
  }

  @Test
  void read_nestingBeyondLimit_refusedEvenInIgnoredField() {
    String deep = "[".repeat(40) + "\"" + SECRET + "\"" + "]".repeat(40);
    assertRefusedWithoutEcho("{\"future\":" + deep + "}", Request.class);

    String shallow = "[".repeat(20) + "]".repeat(20);
    assertThat(Json.read(utf8("{\"future\":" + shallow + "}"), Request.class)).isNotNull();
  }

  @Test
  void read_numberLongerThanLimit_refusedWithoutEcho() {
    String huge = "1234567890".repeat(100) + "7";
    assertRefusedWithoutEcho("{\"count\":" + huge + "}", Request.class);
    assertRefusedWithoutEcho("{\"ignored\":" + huge + "}", Request.class);
    assertRefusedWithoutEcho("{\"count\":1e999999999}", Request.class);
  }

  @Test
  void read_wrongType_namesFieldWithoutEcho() {
    assertRefusedWithoutEcho("{\"count\":\"" + SECRET + "\"}", Request.class);
    assertThatThrownBy(() -> Json.read(utf8("{\"count\":\"" + SECRET + "\"}"), Request.class))
        .hasMessageStartingWith("Field 'count' has the wrong type");
    assertThatThrownBy(() -> Json.read(utf8("{\"count\":1.5}"), Counter.class))
        .hasMessageStartingWith("Field 'count' has the wrong type");
    assertThatThrownBy(() -> Json.read(utf8("{\"count\":null}"), Counter.class))
        .hasMessageStartingWith("Field 'count' has the wrong type");
  }

  @Test
  void read_wrongTypeInsideArray_namesFieldAndIndex() {
    assertThatThrownBy(() -> Json.read(utf8("{\"sizes\":[1,\"" + SECRET + "\"]}"), Request.class))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("Field 'sizes[1]' has the wrong type")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void read_wrongTypeUnderMapKey_hidesTheKey() {
    assertThatThrownBy(() -> Json.read(utf8("{\"tags\":{\"" + SECRET + "\":\"x\"}}"), Tagged.class))
        .hasMessageStartingWith("Field 'tags.*' has the wrong type")
        .message()
        .doesNotContain(SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "{", "{\"plaintext\":", "{'plaintext':'x'}", "[1,2]", "\"x\""})
  void read_malformedOrNotAnObject_refused(String json) {
    assertRefusedWithoutEcho(json, Request.class);
  }

  @Test
  void read_jsonNull_refusedAsNotAnObject() {
    assertThatThrownBy(() -> Json.read(utf8("null"), Request.class))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("The request body must be a JSON object.");
  }

  @Test
  void write_nullFields_areOmitted() {
    assertThat(Json.writeString(new Request("x", null, null))).isEqualTo("{\"plaintext\":\"x\"}");
    assertThat(new String(Json.write(new Request(null, 2, List.of())), StandardCharsets.UTF_8))
        .isEqualTo("{\"count\":2,\"sizes\":[]}");
  }

  @Test
  void writeThenRead_roundTrips() {
    Request original = new Request("p", 7, List.of(3, 4));
    assertThat(Json.read(Json.write(original), Request.class)).isEqualTo(original);
  }
}
