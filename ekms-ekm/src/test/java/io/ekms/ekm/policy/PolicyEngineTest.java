package io.ekms.ekm.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.ekm.domain.policy.Decision;
import io.ekms.ekm.domain.policy.Policy;
import io.ekms.ekm.domain.policy.PolicyEffect;
import io.ekms.ekm.domain.policy.PolicyInput;
import io.ekms.ekm.domain.policy.PolicyScope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
  private final PolicyEngine engine = new PolicyEngine();

  private static Policy policy(String id, PolicyEffect effect, String expression, long revision) {
    Instant t = Instant.EPOCH;
    return new Policy(id, id, PolicyScope.VAULT, "vlt-1", effect, expression, revision, t, t);
  }

  private static PolicyInput request(String caller, String operation) {
    return new PolicyInput(
        "xks",
        operation,
        caller,
        "",
        "r-1",
        "vlt-1",
        "key-1",
        "kv-1",
        "xks-1",
        "127.0.0.1",
        PolicyLanguageTest.MONDAY_MORNING);
  }

  @Test
  void decide_noPolicy_allowsAndSaysSo() {
    Decision d = engine.decide(List.of(), request("arn:a", "decrypt"));

    assertThat(d.allowed()).isTrue();
    assertThat(d.policyId()).isNull();
    assertThat(d.reason()).isEqualTo("no policy applies");
  }

  @Test
  void decide_allowConditionHolds_allowedNamingThePolicies() {
    Decision d =
        engine.decide(
            List.of(policy("only-a", PolicyEffect.ALLOW, "caller == 'arn:a'", 1)),
            request("arn:a", "decrypt"));

    assertThat(d.allowed()).isTrue();
    assertThat(d.reason()).isEqualTo("allowed by 1 policy: only-a");
  }

  @Test
  void decide_allowConditionFails_denied() {
    Decision d =
        engine.decide(
            List.of(policy("only-a", PolicyEffect.ALLOW, "caller == 'arn:a'", 1)),
            request("arn:b", "decrypt"));

    assertThat(d.allowed()).isFalse();
    assertThat(d.policyId()).isEqualTo("only-a");
    assertThat(d.reason()).isEqualTo("ALLOW policy only-a did not match");
  }

  @Test
  void decide_denyAndAllowBothMatch_denyWins() {
    Decision d =
        engine.decide(
            List.of(
                policy("anyone", PolicyEffect.ALLOW, "true", 1),
                policy("no-encrypt", PolicyEffect.DENY, "operation == 'encrypt'", 1)),
            request("arn:a", "encrypt"));

    assertThat(d.allowed()).isFalse();
    assertThat(d.policyId()).isEqualTo("no-encrypt");
    assertThat(d.reason()).isEqualTo("DENY policy no-encrypt matched");
  }

  @Test
  void decide_denyDoesNotMatch_allowed() {
    Decision d =
        engine.decide(
            List.of(policy("no-encrypt", PolicyEffect.DENY, "operation == 'encrypt'", 1)),
            request("arn:a", "decrypt"));

    assertThat(d.allowed()).isTrue();
  }

  @Test
  void decide_evaluationFails_deniedFailClosed() {
    Decision d =
        engine.decide(
            List.of(policy("tz", PolicyEffect.DENY, "time.getHours('Nowhere/Atlantis') > 99", 1)),
            request("arn:a", "decrypt"));

    assertThat(d.allowed()).isFalse();
    assertThat(d.reason()).startsWith("policy tz could not be evaluated: ");
  }

  @Test
  void decide_policyTextChangedUnderTheSameId_newTextApplies() {
    PolicyInput in = request("arn:a", "decrypt");
    assertThat(engine.decide(List.of(policy("p", PolicyEffect.ALLOW, "true", 1)), in).allowed())
        .isTrue();

    assertThat(engine.decide(List.of(policy("p", PolicyEffect.ALLOW, "false", 2)), in).allowed())
        .isFalse();
  }
}
