package io.ekms.ekm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyVersionTest {
  private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);
  private static final Instant T1 = T0.plusSeconds(60);
  private static final KeyHandle HANDLE = new KeyHandle("software", "sealed");

  private static KeyVersion version(int number, KeyVersionState state, KeyHandle handle) {
    return new KeyVersion("kv-1", "key-1", number, state, handle, T0, T0);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void constructor_numberBelowOne_throwsIllegalArgument(int number) {
    assertThatThrownBy(() -> version(number, KeyVersionState.ACTIVE, HANDLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start at 1");
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyVersionState.class,
      names = {"ACTIVE", "DISABLED"})
  void constructor_liveStateWithoutHandle_throwsIllegalArgument(KeyVersionState state) {
    assertThat(version(1, state, HANDLE).handle()).isEqualTo(HANDLE);
    assertThatThrownBy(() -> version(1, state, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_destroyedWithHandle_throwsIllegalArgument() {
    assertThat(version(1, KeyVersionState.DESTROYED, null).handle()).isNull();
    assertThatThrownBy(() -> version(1, KeyVersionState.DESTROYED, HANDLE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_missingIdKeyOrState_throwsNullPointer() {
    assertThatThrownBy(() -> new KeyVersion(null, "k", 1, KeyVersionState.ACTIVE, HANDLE, T0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new KeyVersion("kv", null, 1, KeyVersionState.ACTIVE, HANDLE, T0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new KeyVersion("kv", "k", 1, null, HANDLE, T0, T0))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void withState_destroyed_dropsHandle() {
    KeyVersion destroyed =
        version(3, KeyVersionState.DISABLED, HANDLE).withState(KeyVersionState.DESTROYED, T1);

    assertThat(destroyed)
        .isEqualTo(new KeyVersion("kv-1", "key-1", 3, KeyVersionState.DESTROYED, null, T0, T1));
  }

  @Test
  void withState_disabledOrActive_keepsHandle() {
    KeyVersion active = version(2, KeyVersionState.ACTIVE, HANDLE);

    KeyVersion disabled = active.withState(KeyVersionState.DISABLED, T1);

    assertThat(disabled.handle()).isEqualTo(HANDLE);
    assertThat(disabled.updatedAt()).isEqualTo(T1);
    assertThat(disabled.withState(KeyVersionState.ACTIVE, T1).handle()).isEqualTo(HANDLE);
  }
}
