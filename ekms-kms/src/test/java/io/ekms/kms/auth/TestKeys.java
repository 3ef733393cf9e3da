package io.ekms.kms.auth;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/** RSA key pairs, made once per JVM (generation is slow), and tenancy and compartment ids. */
public final class TestKeys {
  public static final KeyPair ALICE = rsa(2048);
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
}
