package io.ekms.kms.auth;

import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.testing.EmbeddedPostgresSupport;
import io.ekms.testing.EmbeddedPostgresSupport.PgDatabase;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;

/** RSA key pairs, made once per JVM (generation is slow), and fresh databases. */
final class TestKeys {
  static final KeyPair ALICE = rsa(2048);
  static final KeyPair ALICE_SECOND = rsa(2048);
  static final KeyPair BOB = rsa(2048);
  static final KeyPair STRANGER = rsa(2048);

  static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaatenancyone";
  static final String OTHER_TENANCY = "ocid1.tenancy.oc1..aaaaaaaatenancytwo";
  static final String COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaacompartmentone";
  static final String OTHER_COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaacompartmenttwo";

  private TestKeys() {}

  static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new, empty in-memory H2 database with the {@code db/kms} migrations applied. */
  static Database h2() {
    String url = "jdbc:h2:mem:kms-" + Randoms.hex(8) + ";DB_CLOSE_DELAY=-1";
    return Database.open(new DatabaseConfig(url, "sa", null, 4), Map.of(), "db/kms");
  }

  /** A new, empty embedded PostgreSQL database with the {@code db/kms} migrations applied. */
  static Database postgres() {
    PgDatabase pg = EmbeddedPostgresSupport.newDatabase();
    return Database.open(new DatabaseConfig(pg.jdbcUrl(), pg.user(), null, 8), Map.of(), "db/kms");
  }
}
