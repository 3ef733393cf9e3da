package io.ekms.kms.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MANAGE ⊇ USE ⊇ READ, and nothing else. */
class PermissionTest {
  @ParameterizedTest
  @CsvSource({
    "READ, READ, true",
    "READ, USE, false",
    "READ, MANAGE, false",
    "USE, READ, true",
    "USE, USE, true",
    "USE, MANAGE, false",
    "MANAGE, READ, true",
    "MANAGE, USE, true",
    "MANAGE, MANAGE, true",
  })
  void includes_everyPair_followsTheOrder(Permission held, Permission needed, boolean expected) {
    assertThat(held.includes(needed)).isEqualTo(expected);
  }
}
