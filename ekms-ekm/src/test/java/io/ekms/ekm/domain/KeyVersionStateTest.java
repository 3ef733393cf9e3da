package io.ekms.ekm.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyVersionStateTest {
  /** The whole table: DESTROYED is final; staying in a state is not a transition. */
  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "ACTIVE,    ACTIVE,    false",
    "ACTIVE,    DISABLED,  true",
    "ACTIVE,    DESTROYED, true",
    "DISABLED,  ACTIVE,    true",
    "DISABLED,  DISABLED,  false",
    "DISABLED,  DESTROYED, true",
    "DESTROYED, ACTIVE,    false",
    "DESTROYED, DISABLED,  false",
    "DESTROYED, DESTROYED, false"
  })
  void canBecome_everyPair_matchesTable(KeyVersionState from, KeyVersionState to, boolean allowed) {
    assertThat(from.canBecome(to)).isEqualTo(allowed);
  }
}
