package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditRecordTest {
  private static final Instant T = Instant.parse("2024-05-01T12:34:56.789Z");

  private static AuditRecord withCaller(String caller) {
    return new AuditRecord(T, "req", caller, "ENCRYPT", null, null, null, "OK", null);
  }

  private static AuditRecord withDetails(Map<String, String> details) {
    return new AuditRecord(T, "req", "c", "ENCRYPT", null, null, null, "OK", details);
  }

  @Test
  void constructor_nanosecondTime_keepsMilliseconds() {
    AuditRecord r =
        new AuditRecord(
            Instant.parse("2024-05-01T12:34:56.789123456Z"),
            "req",
            "c",
            "ENCRYPT",
            null,
            null,
            null,
            "OK",
            null);
    assertThat(r.time()).isEqualTo(T);
  }

  @Test
  void constructor_emptyOptionalNames_becomeNull() {
    AuditRecord r = new AuditRecord(T, "req", "c", "ENCRYPT", "", "", "", "OK", null);
    assertThat(r.vault()).isNull();
    assertThat(r.key()).isNull();
    assertThat(r.version()).isNull();
    assertThat(r.details()).isEmpty();
  }

  @Test
  void constructor_details_sortedImmutableCopy() {
    Map<String, String> source = new HashMap<>(Map.of("b", "2", "a", "1", "C", "3"));
    AuditRecord r = withDetails(source);
    source.put("z", "changed later");

    assertThat(r.details().keySet()).containsExactly("C", "a", "b");
    assertThatThrownBy(() -> r.details().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void constructor_missingRequiredField_throws() {
    assertThatThrownBy(() -> withCaller(null)).hasMessageContaining("caller");
    assertThatThrownBy(() -> withCaller("")).hasMessageContaining("caller");
    assertThatThrownBy(
            () -> new AuditRecord(null, "req", "c", "ENCRYPT", null, null, null, "OK", null))
        .hasMessageContaining("time");
    assertThatThrownBy(() -> new AuditRecord(T, "req", "c", "OP", null, null, null, null, null))
        .hasMessageContaining("result");
  }

  @Test
  void constructor_overlongField_throwsWithoutEchoingValue() {
    String longCaller = "x".repeat(AuditRecord.MAX_CALLER + 1);
    assertThat(withCaller("x".repeat(AuditRecord.MAX_CALLER)).caller()).hasSize(256);
    assertThatThrownBy(() -> withCaller(longCaller))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("xxxx");
  }

  @Test
  void constructor_tooManyOrOverlongDetails_throws() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i <= AuditRecord.MAX_DETAILS; i++) {
      many.put("k" + i, "v");
    }
    assertThatThrownBy(() -> withDetails(many)).hasMessageContaining("at most 32");
    assertThatThrownBy(() -> withDetails(Map.of("k", "v".repeat(1025))))
        .hasMessageContaining("detail value");
    assertThatThrownBy(() -> withDetails(Map.of("", "v"))).hasMessageContaining("detail key");
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("k", null);
    assertThatThrownBy(() -> withDetails(nullValue)).hasMessageContaining("detail value");
  }

  @Test
  void constructor_unstorableCharacters_throws() {
    assertThatThrownBy(() -> withCaller("a\u0000b")).hasMessageContaining("U+0000");
    assertThatThrownBy(() -> withCaller("a\uD83D")).hasMessageContaining("surrogate");
    assertThatThrownBy(() -> withCaller("\uDE00a")).hasMessageContaining("surrogate");
    assertThatThrownBy(() -> withDetails(Map.of("k", "\uD83Dx"))).hasMessageContaining("surrogate");
    assertThat(withCaller("emoji 😀 and\nnewline").caller()).isEqualTo("emoji 😀 and\nnewline");
  }
}
