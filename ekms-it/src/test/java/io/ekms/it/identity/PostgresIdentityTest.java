package io.ekms.it.identity;

import static io.ekms.it.identity.IdentityCalls.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.admin.client.IdentityAdmin.Client;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.ekm.auth.TokenValidator;
import io.ekms.stack.EmbeddedPostgres;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import org.junit.jupiter.api.Test;

/**
 * The same server on PostgreSQL (chosen by JDBC URL): one schema, the same behaviour. The database
 * is the stack's own embedded PostgreSQL, which also runs where a full build puts the CLI's fat jar
 * (holding the binaries a second time) on the class path.
 */
class PostgresIdentityTest {
  @Test
  void postgres_clientsTokensRotationAndRestart_work() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.start();
        LoopbackStack stack =
            LoopbackStack.builder(TempDirs.create("identity-postgres-"))
                .identity(
                    identity ->
                        identity.database(
                            new DatabaseConfig(pg.jdbcUrl(), EmbeddedPostgres.USER, null, 4)))
                .start();
        TokenValidator validator = EkmAcceptsTokenTest.validatorFor(stack)) {
      IdentityCalls f = IdentityCalls.to(stack);
      Client client = f.createClient("kms");
      String before = f.accessToken(client);
      assertThat(f.post(client, AUDIENCE + "oci_ekms").status()).isEqualTo(200);
      stack.identityAdmin().rotateSigningKey();

      stack.restartIdentity();

      assertThat(RotationTest.kids(f)).hasSize(2);
      String after = f.accessToken(client);
      assertThat(validator.validate("Bearer " + before).clientId()).isEqualTo(client.id());
      assertThat(validator.validate("Bearer " + after).clientId()).isEqualTo(client.id());
      stack.identityAdmin().deleteClient(client.id());
      assertThat(f.basic(client, AUDIENCE + "oci_ekms").status()).isEqualTo(401);
    }
  }
}
