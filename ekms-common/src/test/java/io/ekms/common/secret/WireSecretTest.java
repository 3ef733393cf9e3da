package io.ekms.common.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.json.Json;
import io.ekms.common.json.JsonInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireSecretTest {
  private static final String VALUE = "hunter2-ünïcode-horse";

  /** A wire record with one secret field, as the servers' bodies have. */
  record Body(String name, WireSecret secret) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** The same record with a plain text field, for comparing error answers. */
  record PlainBody(String name, String secret) {}

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void json_string_readsAndWritesAsAPlainString() {
    Body body = Json.read(json("{\"name\":\"n\",\"secret\":\"" + VALUE + "\"}"), Body.class);

    assertThat(Json.writeString(body))
        .isEqualTo("{\"name\":\"n\",\"secret\":\"" + VALUE + "\"}")
        .isEqualTo(Json.writeString(new PlainBody("n", VALUE)));
  }

  @Test
  void json_nullOrAbsent_isNullField() {
    assertThat(Json.read(json("{\"name\":\"n\",\"secret\":null}"), Body.class).secret()).isNull();
    assertThat(Json.read(json("{\"name\":\"n\"}"), Body.class).secret()).isNull();
  }

  @Test
  void json_notAString_failsAsATextFieldDoes() {
    byte[] object = json("{\"name\":\"n\",\"secret\":{\"a\":1}}");
    String wrongType = "Field 'secret' has the wrong type at line 1, column ";

    assertThatThrownBy(() -> Json.read(object, PlainBody.class))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith(wrongType);
    assertThatThrownBy(() -> Json.read(object, Body.class))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith(wrongType);
  }

  @Test
  void toString_ownAndOfTheRecord_neverShowTheValue() {
    try (WireSecret secret = WireSecret.of(VALUE)) {
      assertThat(secret.toString()).isEqualTo("[REDACTED]");
      assertThat(new Body("n", secret).toString()).isEqualTo("Body[name=***, secret=***]");
    }
  }

  @Test
  void toSecretBytes_givesTheUtf8BytesAsAnIndependentCopy() {
    WireSecret secret = WireSecret.of(VALUE);
    SecretBytes bytes = secret.toSecretBytes();

    secret.close();

    assertThat(bytes.contentEquals(VALUE.getBytes(StandardCharsets.UTF_8))).isTrue();
    bytes.close();
  }

  @Test
  void close_wipes_laterReadsAndWritesRefused() {
    WireSecret secret = WireSecret.of(VALUE);

    secret.close();

    assertThatThrownBy(secret::toSecretBytes).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Json.writeString(new Body("n", secret)))
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void isBlank_emptyOrWhiteSpace_isTrue() {
    assertThat(WireSecret.of("").isBlank()).isTrue();
    assertThat(WireSecret.of(" \t\n").isBlank()).isTrue();
    assertThat(WireSecret.of(" x ").isBlank()).isFalse();
  }

  @Test
  void equals_sameText_isByIdentity() {
    WireSecret a = WireSecret.of(VALUE);

    assertThat(a).isEqualTo(a).isNotEqualTo(WireSecret.of(VALUE));
  }

  @Test
  void of_null_isRefused() {
    assertThatThrownBy(() -> WireSecret.of(null)).isInstanceOf(NullPointerException.class);
  }
}
