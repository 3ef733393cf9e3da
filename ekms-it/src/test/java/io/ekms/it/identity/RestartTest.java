package io.ekms.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.admin.client.IdentityAdmin.Client;
import io.ekms.ekm.auth.TokenValidator;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.MutableClock;
import io.ekms.testing.TempDirs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A restart keeps clients, keys and retirement times: nothing issued before is invalidated. */
class RestartTest {
  @Test
  void restart_keepsClientsAndKeys() throws Exception {
    try (LoopbackStack stack =
        LoopbackStack.builder(TempDirs.create("identity-restart-")).start()) {
      IdentityCalls f = IdentityCalls.to(stack);
      Client client = f.createClient("kms");
      String before = f.accessToken(client);
      stack.identityAdmin().rotateSigningKey();
      List<String> kids = RotationTest.kids(f);
      String currentKid = RotationTest.kid(f.accessToken(client));

      stack.restartIdentity();

      assertThat(RotationTest.kids(f)).containsExactlyElementsOf(kids);
      String after = f.accessToken(client);
      assertThat(RotationTest.kid(after)).isEqualTo(currentKid);
      assertThat(stack.identityAdmin().clients().path("items")).hasSize(1);
      try (TokenValidator validator = EkmAcceptsTokenTest.validatorFor(stack)) {
        assertThat(validator.validate("Bearer " + before).clientId()).isEqualTo(client.id());
        assertThat(validator.validate("Bearer " + after).clientId()).isEqualTo(client.id());
      }
    }
  }

  @Test
  void restart_afterRetirement_dropsTheRetiredKey() throws Exception {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    try (LoopbackStack stack =
        LoopbackStack.builder(TempDirs.create("identity-restart-")).identityClock(clock).start()) {
      IdentityCalls f = IdentityCalls.to(stack);
      stack.identityAdmin().rotateSigningKey();
      clock.advance(Duration.ofHours(2));

      stack.restartIdentity();

      assertThat(RotationTest.kids(f)).hasSize(1);
    }
  }
}
