package io.ekms.ekm.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyStateTest {
  /**
   * The whole table: DELETED is final; staying in a state is not a transition; a pending deletion
   * moves only by its cancellation or its deletion pass, never by a state change.
   */
  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "ACTIVE,           ACTIVE,           false",
    "ACTIVE,           DISABLED,         true",
    "ACTIVE,           PENDING_DELETION, true",
    "ACTIVE,           DELETED,          true",
    "DISABLED,         ACTIVE,           true",
    "DISABLED,         DISABLED,         false",
    "DISABLED,         PENDING_DELETION, true",
    "DISABLED,         DELETED,          true",
    "PENDING_DELETION, ACTIVE,           false",
    "PENDING_DELETION, DISABLED,         false",
    "PENDING_DELETION, PENDING_DELETION, false",
    "PENDING_DELETION, DELETED,          false",
    "DELETED,          ACTIVE,           false",
    "DELETED,          DISABLED,         false",
    "DELETED,          PENDING_DELETION, false",
    "DELETED,          DELETED,          false"
  })
  void canBecome_everyPair_matchesTable(KeyState from, KeyState to, boolean allowed) {
    assertThat(from.canBecome(to)).isEqualTo(allowed);
  }
}
