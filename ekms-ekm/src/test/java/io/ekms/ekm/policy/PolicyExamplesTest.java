package io.ekms.ekm.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.ekm.domain.policy.PolicyInput;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The examples of docs/policies.md behave as the page says. */
class PolicyExamplesTest {
  private static final String SA1 = "service-123456789@gcp-sa-ekms.iam.gserviceaccount.com";
  private static final String ARCHIVE = "arn:aws:iam::111122223333:role/archive-reader";

  /** Monday 2026-12-07 10:30 and Saturday 2026-12-05 10:30 in Zurich (UTC+1). */
  private static final Instant WEEKDAY = Instant.parse("2026-12-07T09:30:00Z");

  private static final Instant SATURDAY = Instant.parse("2026-12-05T09:30:00Z");
  private static final Instant WEEKDAY_NIGHT = Instant.parse("2026-12-07T22:30:00Z");

  private static PolicyInput in(
      String protocol, String operation, String caller, String reason, String source, Instant t) {
    return new PolicyInput(
        protocol, operation, caller, reason, null, "vlt-1", "key-1", "kv-1", "st-1", source, t);
  }

  private static boolean holds(String condition, PolicyInput input) throws Exception {
    return PolicyLanguage.compile(condition).test(input);
  }

  @Test
  void onlyTheseServiceAccounts_othersDoNotMatch() throws Exception {
    String c =
        "caller in ['service-123456789@gcp-sa-ekms.iam.gserviceaccount.com',\n"
            + "           'service-987654321@gcp-sa-ekms.iam.gserviceaccount.com']";

    assertThat(holds(c, in("gcp-ekm", "unwrap", SA1, "MISSING", "10.0.0.1", WEEKDAY))).isTrue();
    assertThat(holds(c, in("gcp-ekm", "unwrap", "x@evil.example", "", "10.0.0.1", WEEKDAY)))
        .isFalse();
  }

  @Test
  void customerInitiatedOnlyOutsideBusinessHours_inZurich() throws Exception {
    String c =
        "reason == 'CUSTOMER_INITIATED_ACCESS'\n"
            + "  || (time.getDayOfWeek('Europe/Zurich') in [1, 2, 3, 4, 5]\n"
            + "      && time.getHours('Europe/Zurich') >= 8 && time.getHours('Europe/Zurich') < 18)";

    String other = "GOOGLE_INITIATED_SERVICE";
    assertThat(holds(c, in("gcp-ekm", "unwrap", SA1, other, "", WEEKDAY))).isTrue();
    assertThat(holds(c, in("gcp-ekm", "unwrap", SA1, other, "", SATURDAY))).isFalse();
    assertThat(holds(c, in("gcp-ekm", "unwrap", SA1, other, "", WEEKDAY_NIGHT))).isFalse();
    assertThat(holds(c, in("gcp-ekm", "unwrap", SA1, "MISSING", "", WEEKDAY_NIGHT))).isFalse();
    assertThat(holds(c, in("gcp-ekm", "unwrap", SA1, "CUSTOMER_INITIATED_ACCESS", "", SATURDAY)))
        .isTrue();
  }

  @Test
  void decryptOnlyForOneAwsPrincipal_othersUnrestricted() throws Exception {
    String c = "caller != '" + ARCHIVE + "' || operation == 'decrypt'";

    assertThat(holds(c, in("xks", "decrypt", ARCHIVE, "", "", WEEKDAY))).isTrue();
    assertThat(holds(c, in("xks", "encrypt", ARCHIVE, "", "", WEEKDAY))).isFalse();
    assertThat(
            holds(c, in("xks", "encrypt", "arn:aws:iam::111122223333:role/app", "", "", WEEKDAY)))
        .isTrue();
  }

  @Test
  void neverFromOutsideTheEgressRanges_denyMatchesOutsiders() throws Exception {
    String c = "!(source.startsWith('10.20.') || source.startsWith('10.21.'))";

    assertThat(holds(c, in("oci-ekm", "decrypt", "cli", "", "10.20.3.4", WEEKDAY))).isFalse();
    assertThat(holds(c, in("oci-ekm", "decrypt", "cli", "", "192.0.2.1", WEEKDAY))).isTrue();
  }
}
