package io.ekms.ekm.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.ekm.domain.policy.PolicyInput;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PolicyLanguageTest {
  /** Monday 2026-12-07, 10:30 in Paris. */
  static final Instant MONDAY_MORNING = Instant.parse("2026-12-07T09:30:00Z");

  static PolicyInput gcp(String caller, String reason, Instant time) {
    return new PolicyInput(
        "gcp-ekm",
        "unwrap",
        caller,
        reason,
        null,
        "vlt-1",
        "key-1",
        "kv-1",
        "gcp-1",
        "10.0.0.7",
        time);
  }

  @Test
  void compile_variablesOfEveryKind_evaluates() throws Exception {
    var c =
        PolicyLanguage.compile(
            "protocol == 'gcp-ekm' && operation == 'unwrap' && caller.endsWith('@bank.example')"
                + " && reason == 'CUSTOMER_INITIATED_ACCESS' && vault == 'vlt-1' && key == 'key-1'"
                + " && version == 'kv-1' && keyStore == 'gcp-1' && source.startsWith('10.')"
                + " && kmsRequestId == '' && time.getHours('Europe/Paris') == 10");

    assertThat(c.test(gcp("app@bank.example", "CUSTOMER_INITIATED_ACCESS", MONDAY_MORNING)))
        .isTrue();
    assertThat(c.test(gcp("app@other.example", "CUSTOMER_INITIATED_ACCESS", MONDAY_MORNING)))
        .isFalse();
  }

  @Test
  void compile_listMembershipAndMacros_evaluate() throws Exception {
    var c = PolicyLanguage.compile("['a@x.example', 'b@x.example'].exists(e, e == caller)");

    assertThat(c.test(gcp("b@x.example", "", MONDAY_MORNING))).isTrue();
    assertThat(c.test(gcp("c@x.example", "", MONDAY_MORNING))).isFalse();
  }

  @Test
  void compile_undeclaredVariable_refusedWithItsPosition() {
    assertThatThrownBy(() -> PolicyLanguage.compile("caller == 'a' &&\n  principal == 'b'"))
        .isInstanceOfSatisfying(
            PolicyLanguage.InvalidConditionException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              assertThat(e.problems().getFirst().line()).isEqualTo(2);
              assertThat(e.problems().getFirst().column()).isEqualTo(3);
              assertThat(e.problems().getFirst().message()).contains("principal");
              assertThat(e.getMessage()).startsWith("line 2, column 3: ");
            });
  }

  @Test
  void compile_syntaxError_refusedWithItsPosition() {
    assertThatThrownBy(() -> PolicyLanguage.compile("caller == "))
        .isInstanceOfSatisfying(
            PolicyLanguage.InvalidConditionException.class,
            e -> assertThat(e.problems().getFirst().line()).isEqualTo(1));
  }

  @Test
  void compile_notABoolean_refused() {
    assertThatThrownBy(() -> PolicyLanguage.compile("caller + 'x'"))
        .isInstanceOf(PolicyLanguage.InvalidConditionException.class);
  }

  @Test
  void compile_emptyOrTooLong_refused() {
    assertThatThrownBy(() -> PolicyLanguage.compile(" "))
        .hasMessageContaining("the condition is empty");
    assertThatThrownBy(() -> PolicyLanguage.compile("true || " + "true || ".repeat(600) + "true"))
        .hasMessageContaining("longer than 4096");
  }

  @Test
  void test_badTimeZone_throwsIllegalState() throws Exception {
    var c = PolicyLanguage.compile("time.getHours('Nowhere/Atlantis') > 3");

    assertThatThrownBy(() -> c.test(gcp("a", "", MONDAY_MORNING)))
        .isInstanceOf(IllegalStateException.class);
  }
}
