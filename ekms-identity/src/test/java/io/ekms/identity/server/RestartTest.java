package io.ekms.identity.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.ekm.auth.TokenValidator;
import io.ekms.identity.server.IdentityFixture.Registered;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A restart keeps clients, keys and retirement times: nothing issued before is invalidated. */
class RestartTest {
  @Test
  void restart_keepsClientsAndKeys() throws Exception {
    try (IdentityFixture f = new IdentityFixture()) {
      Registered client = f.createClient("kms");
      String before = f.accessToken(client);
      f.admin.rotateSigningKey();
      List<String> kids = RotationTest.kids(f);
      String currentKid = RotationTest.kid(f.accessToken(client));

      f.restart();

      assertThat(RotationTest.kids(f)).containsExactlyElementsOf(kids);
      String after = f.accessToken(client);
      assertThat(RotationTest.kid(after)).isEqualTo(currentKid);
      assertThat(f.admin.clients().path("items")).hasSize(1);
      try (TokenValidator validator = EkmAcceptsTokenTest.validatorFor(f)) {
        assertThat(validator.validate("Bearer " + before).clientId()).isEqualTo(client.id());
        assertThat(validator.validate("Bearer " + after).clientId()).isEqualTo(client.id());
      }
    }
  }

  @Test
  void restart_afterRetirement_dropsTheRetiredKey() throws Exception {
    try (IdentityFixture f = new IdentityFixture()) {
      f.admin.rotateSigningKey();
      f.clock.advance(Duration.ofHours(2));

      f.restart();

      assertThat(RotationTest.kids(f)).hasSize(1);
    }
  }
}
