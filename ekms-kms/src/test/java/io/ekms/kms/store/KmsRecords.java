package io.ekms.kms.store;

import io.ekms.core.crypto.Randoms;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import java.time.Instant;

/**
 * Domain records with fresh ids for store tests. Times are whole milliseconds, the precision the
 * store keeps, so a record reads back equal to what was written.
 */
public final class KmsRecords {
  public static final Instant T0 = Instant.parse("2031-05-06T07:08:09.123Z");

  private KmsRecords() {}

  public static String compartment() {
    return "ocid1.compartment.oc1.." + Randoms.hex(16);
  }

  public static PrivateEndpoint endpoint(String compartmentId, Instant created) {
    return new PrivateEndpoint(
        Ocids.newId("ekmsprivateendpoint"),
        compartmentId,
        "endpoint",
        null,
        "ekm.example.com",
        8443,
        "-----BEGIN CERTIFICATE-----\nnot parsed by the store\n-----END CERTIFICATE-----\n",
        Lifecycle.ACTIVE,
        created,
        created);
  }

  public static Vault vault(String compartmentId, String endpointId, Instant created) {
    return new Vault(
        Ocids.newId("vault"),
        compartmentId,
        "vault",
        Lifecycle.ACTIVE,
        "https://ekm.example.com:8443/vaults/v-" + Randoms.hex(4),
        endpointId,
        "https://identity.example.com",
        "client-" + Randoms.hex(4),
        "c2VhbGVk",
        null,
        created,
        created,
        null);
  }

  public static Key key(Vault vault, String compartmentId, Instant created) {
    return new Key(
        Ocids.newId("key"),
        vault.id(),
        compartmentId,
        null,
        32,
        Lifecycle.ENABLED,
        null,
        null,
        "ext-key-" + Randoms.hex(4),
        created,
        created,
        null);
  }

  public static KeyVersion version(Key key, String externalVersionId, Instant created) {
    return new KeyVersion(
        Ocids.newId("keyversion"),
        key.id(),
        key.vaultId(),
        key.compartmentId(),
        externalVersionId,
        Lifecycle.ENABLED,
        created,
        created,
        null);
  }
}
