package io.ekms.kms.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.kms.domain.EkmAddress;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.testing.TempDirs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A KMS database made before private endpoints had several addresses (migrations 1, 2 and the audit
 * log's 1000 applied) opens with today's migrations: the new ones, numbered below 1000, are
 * applied, and an endpoint stored back then reads as its one address.
 */
class KmsSchemaUpgradeTest {
  @Test
  void open_databaseFromBeforeVersion3_appliesTheNewMigrationsAndKeepsTheEndpoint()
      throws Exception {
    Path dir = TempDirs.create("kms-upgrade-");
    DatabaseConfig file = DatabaseConfig.h2File(dir.resolve("db"), "kms");
    Path old = Files.createDirectories(dir.resolve("old-migrations"));
    copy("db/kms/V1__principals.sql", old);
    copy("db/kms/V2__kms_resources.sql", old);
    copy("db/audit/V1000__audit_log.sql", old);
    Flyway.configure()
        .dataSource(file.jdbcUrl(), file.username(), null)
        .locations("filesystem:" + old)
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(file.jdbcUrl(), file.username(), null);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO kms_private_endpoints (id, compartment_id, display_name, subnet_id, host,"
              + " port, ca_bundle, state, created_at, updated_at) VALUES ('ocid1.ekmsprivateendpoint"
              + ".oc1..old', 'ocid1.compartment.oc1..c', 'old', null, 'ekm.example.test', 8443,"
              + " 'pem', 'ACTIVE', 1, 1)");
    }

    try (Database db =
        Database.open(
            new DatabaseConfig(file.jdbcUrl(), file.username(), null, 2),
            Map.of(),
            "db/kms",
            "db/audit")) {
      PrivateEndpoint endpoint =
          db.withConnection(
                  c ->
                      new PrivateEndpointRepository().find(c, "ocid1.ekmsprivateendpoint.oc1..old"))
              .orElseThrow();

      assertThat(endpoint.addresses()).containsExactly(new EkmAddress("ekm.example.test", 8443));
      boolean leaseTable =
          db.withConnection(c -> new JobLeaseRepository().take(c, "deletion-sweep", "kms-a", 0, 1));
      assertThat(leaseTable).isTrue();
    }
  }

  private static void copy(String resource, Path dir) throws IOException {
    try (InputStream in =
        KmsSchemaUpgradeTest.class.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, dir.resolve(Path.of(resource).getFileName()));
    }
  }
}
