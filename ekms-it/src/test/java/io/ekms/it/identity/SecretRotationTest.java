package io.ekms.it.identity;

import static io.ekms.it.identity.IdentityCalls.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.admin.client.IdentityAdmin.Client;
import io.ekms.common.json.Json;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.MutableClock;
import io.ekms.testing.RawHttps.Answer;
import io.ekms.testing.TempDirs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rotating a client's secret: the new one works at once, the old one until the grace ends (on a
 * clock the test moves), a rotation during a grace drops the oldest secret, and every rotation is
 * audited.
 */
class SecretRotationTest {
  private static final String SCOPE = AUDIENCE + "oci_ekms";
  private static final MutableClock CLOCK =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private static LoopbackStack stack;
  private static IdentityCalls f;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("identity-rotate-")).identityClock(CLOCK).start();
    f = IdentityCalls.to(stack);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static Answer rotate(String clientId, Object body) throws Exception {
    return f.http()
        .send(
            "POST",
            stack.identityAdminUrl() + "/admin/v1/identity/clients/" + clientId + "/rotate-secret",
            Map.of("Authorization", "Bearer " + f.adminToken(), "Content-Type", "application/json"),
            body == null ? null : Json.writeString(body));
  }

  @Test
  void rotateSecret_withGrace_bothWorkUntilTheGraceEndsThenOnlyTheNew() throws Exception {
    Client old = f.createClient("rotating");
    Client fresh = stack.identityAdmin().rotateSecret(old.id(), 3600);

    assertThat(fresh.id()).isEqualTo(old.id());
    assertThat(fresh.secret()).matches("ekmscs_[0-9a-f]{64}").isNotEqualTo(old.secret());
    assertThat(f.basic(fresh, SCOPE).status()).isEqualTo(200);
    assertThat(f.basic(old, SCOPE).status()).isEqualTo(200);
    CLOCK.advance(Duration.ofSeconds(3599));
    assertThat(f.post(old, SCOPE).status()).isEqualTo(200);
    CLOCK.advance(Duration.ofSeconds(2));
    Answer refused = f.basic(old, SCOPE);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body().path("error").asText()).isEqualTo("invalid_client");
    assertThat(f.basic(fresh, SCOPE).status()).isEqualTo(200);
  }

  @Test
  void rotateSecret_noGrace_oldRefusedAtOnce() throws Exception {
    Client old = f.createClient("no-grace");
    Client fresh = stack.identityAdmin().rotateSecret(old.id(), 0);

    assertThat(f.basic(old, SCOPE).status()).isEqualTo(401);
    assertThat(f.basic(fresh, SCOPE).status()).isEqualTo(200);
  }

  @Test
  void rotateSecret_twiceWithinAGrace_theOldestStopsAtOnce() throws Exception {
    Client first = f.createClient("twice-rotated");
    Client second = stack.identityAdmin().rotateSecret(first.id(), 3600);
    Client third = stack.identityAdmin().rotateSecret(first.id(), 3600);

    assertThat(f.basic(first, SCOPE).status()).isEqualTo(401);
    assertThat(f.basic(second, SCOPE).status()).isEqualTo(200);
    assertThat(f.basic(third, SCOPE).status()).isEqualTo(200);
  }

  @Test
  void rotateSecret_badGraceOrUnknownClient_refusedAndNothingChanged() throws Exception {
    Client client = f.createClient("kept");
    assertThat(rotate(client.id(), Map.of("graceSeconds", -1)).status()).isEqualTo(400);
    Answer tooLong = rotate(client.id(), Map.of("graceSeconds", 604_801));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body().path("code").asText()).isEqualTo("InvalidRequest");
    assertThat(f.basic(client, SCOPE).status()).isEqualTo(200);
    assertThat(rotate("cli-" + "0".repeat(32), null).status()).isEqualTo(404);
  }

  @Test
  void rotateSecret_defaultGrace_auditedAndTheClientStillDeletable() throws Exception {
    Client old = f.createClient("audited-rotation");
    Answer rotated = rotate(old.id(), null);
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.body().path("clientSecret").asText()).startsWith("ekmscs_");
    assertThat(f.basic(old, SCOPE).status()).as("a day's grace by default").isEqualTo(200);

    String requestId = rotated.requestId();
    String audit = stack.identityAdmin().audit(requestId).toString();
    assertThat(audit).contains("RotateClientSecret").contains("\"graceSeconds\":\"86400\"");
    assertThat(audit).doesNotContain(rotated.body().path("clientSecret").asText());

    stack.identityAdmin().deleteClient(old.id());
    assertThat(f.basic(old, SCOPE).status()).isEqualTo(401);
  }
}
