package io.ekms.ekm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTest {
  private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);
  private static final Instant T1 = T0.plusSeconds(60);

  private static Key key(String name, int lengthBits, Set<KeyOp> ops) {
    return new Key(
        "key-1", "vlt-1", name, lengthBits, KeyState.ACTIVE, ops, "kv-1", "software", T0, T0);
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 192, 256})
  void constructor_aesLength_isAccepted(int lengthBits) {
    assertThat(key("k", lengthBits, Set.of(KeyOp.ENCRYPT)).lengthBits()).isEqualTo(lengthBits);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 16, 32, 127, 129, 512, -256})
  void constructor_otherLength_throwsIllegalArgument(int lengthBits) {
    assertThatThrownBy(() -> key("k", lengthBits, Set.of(KeyOp.ENCRYPT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("128, 192 or 256");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "tab\there", "new\nline", "semi;colon", "<script>"})
  void constructor_badName_throwsIllegalArgument(String name) {
    assertThatThrownBy(() -> key(name, 256, Set.of(KeyOp.ENCRYPT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("name must be");
  }

  @Test
  void constructor_nameOf255LettersOrPunctuation_isAccepted() {
    assertThat(key("k".repeat(255), 256, Set.of(KeyOp.ENCRYPT)).name()).hasSize(255);
    assertThat(key("Zahlungen 2024/Q1 key_v1.0 @ops+=-:", 256, Set.of(KeyOp.ENCRYPT))).isNotNull();
    assertThatThrownBy(() -> key("k".repeat(256), 256, Set.of(KeyOp.ENCRYPT)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_noOps_throwsIllegalArgument() {
    assertThatThrownBy(() -> key("k", 256, Set.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> key("k", 256, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_mutableOps_areCopiedAndUnmodifiable() {
    Set<KeyOp> ops = new HashSet<>(Set.of(KeyOp.ENCRYPT));
    Key key = key("k", 256, ops);

    ops.add(KeyOp.DECRYPT);

    assertThat(key.ops()).containsExactly(KeyOp.ENCRYPT);
    assertThat(key.allows(KeyOp.ENCRYPT)).isTrue();
    assertThat(key.allows(KeyOp.DECRYPT)).isFalse();
    assertThatThrownBy(() -> key.ops().add(KeyOp.DECRYPT))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void constructor_missingIdVaultStateOrBackend_throwsNullPointer() {
    Set<KeyOp> ops = EnumSet.allOf(KeyOp.class);
    assertThatThrownBy(
            () -> new Key(null, "v", "k", 256, KeyState.ACTIVE, ops, null, "software", T0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> new Key("k", null, "k", 256, KeyState.ACTIVE, ops, null, "software", T0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Key("k", "v", "k", 256, null, ops, null, "software", T0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Key("k", "v", "k", 256, KeyState.ACTIVE, ops, null, null, T0, T0))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void withStateAndWithCurrentVersion_changeOnlyThatFieldAndUpdatedAt() {
    Key key = key("k", 192, Set.of(KeyOp.DECRYPT));

    Key disabled = key.withState(KeyState.DISABLED, T1);
    Key rotated = key.withCurrentVersion("kv-2", T1);

    assertThat(disabled)
        .isEqualTo(
            new Key(
                "key-1",
                "vlt-1",
                "k",
                192,
                KeyState.DISABLED,
                Set.of(KeyOp.DECRYPT),
                "kv-1",
                "software",
                T0,
                T1));
    assertThat(rotated.currentVersionId()).isEqualTo("kv-2");
    assertThat(rotated.state()).isEqualTo(KeyState.ACTIVE);
    assertThat(rotated.createdAt()).isEqualTo(T0);
    assertThat(rotated.updatedAt()).isEqualTo(T1);
  }
}
