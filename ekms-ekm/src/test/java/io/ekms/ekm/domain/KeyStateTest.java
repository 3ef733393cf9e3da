package io.ekms.ekm.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyStateTest {
  /** The whole table: DELETED is final; staying in a state is not a transition. */
  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "ACTIVE,   ACTIVE,   false",
    "ACTIVE,   DISABLED, true",
    "ACTIVE,   DELETED,  true",
    "DISABLED, ACTIVE,   true",
    "DISABLED, DISABLED, false",
    "DISABLED, DELETED,  true",
    "DELETED,  ACTIVE,   false",
    "DELETED,  DISABLED, false",
    "DELETED,  DELETED,  false"
  })
  void canBecome_everyPair_matchesTable(KeyState from, KeyState to, boolean allowed) {
    assertThat(from.canBecome(to)).isEqualTo(allowed);
  }
}
