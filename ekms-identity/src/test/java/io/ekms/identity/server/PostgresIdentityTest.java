package io.ekms.identity.server;

import static io.ekms.identity.server.IdentityFixture.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.db.DatabaseConfig;
import io.ekms.ekm.auth.TokenValidator;
import io.ekms.identity.server.IdentityFixture.Registered;
import io.ekms.testing.EmbeddedPostgresSupport;
import org.junit.jupiter.api.Test;

/** The same server on PostgreSQL (chosen by JDBC URL): one schema, the same behaviour. */
class PostgresIdentityTest {
  @Test
  void postgres_clientsTokensRotationAndRestart_work() throws Exception {
    var pg = EmbeddedPostgresSupport.newDatabase();
    DatabaseConfig database = new DatabaseConfig(pg.jdbcUrl(), pg.user(), null, 4);
    try (IdentityFixture f = new IdentityFixture(database);
        TokenValidator validator = EkmAcceptsTokenTest.validatorFor(f)) {
      Registered client = f.createClient("kms");
      String before = f.accessToken(client);
      assertThat(f.post(client, AUDIENCE + "oci_ekms").status()).isEqualTo(200);
      f.admin.rotateSigningKey();

      f.restart();

      assertThat(RotationTest.kids(f)).hasSize(2);
      String after = f.accessToken(client);
      assertThat(validator.validate("Bearer " + before).clientId()).isEqualTo(client.id());
      assertThat(validator.validate("Bearer " + after).clientId()).isEqualTo(client.id());
      f.admin.deleteClient(client.id());
      assertThat(f.basic(client, AUDIENCE + "oci_ekms").status()).isEqualTo(401);
    }
  }
}
