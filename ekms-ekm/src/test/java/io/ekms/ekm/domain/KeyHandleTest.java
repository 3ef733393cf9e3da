package io.ekms.ekm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyHandleTest {
  @Test
  void toString_never_containsReference() {
    KeyHandle handle = new KeyHandle("software", "AbCdEfSealedKeyMaterial0123456789==");

    assertThat(handle.toString())
        .isEqualTo("KeyHandle[software]")
        .doesNotContain(handle.reference())
        .doesNotContain("Sealed");
  }

  @Test
  void constructor_referenceEmptyOrTooLong_throwsIllegalArgument() {
    assertThatThrownBy(() -> new KeyHandle("software", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyHandle("software", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyHandle("software", "x".repeat(1025)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new KeyHandle("software", "x".repeat(1024)).reference()).hasSize(1024);
  }

  @Test
  void constructor_nullBackend_throwsNullPointer() {
    assertThatThrownBy(() -> new KeyHandle(null, "ref")).isInstanceOf(NullPointerException.class);
  }
}
