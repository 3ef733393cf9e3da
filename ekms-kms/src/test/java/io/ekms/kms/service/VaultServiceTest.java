package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static io.ekms.kms.service.ServiceBed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.Vault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Reading, renaming, deleting and measuring vaults. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultServiceTest {
  private final ServiceBed bed = new ServiceBed();

  @BeforeEach
  void reset() {
    bed.reset();
  }

  @AfterAll
  void close() {
    bed.close();
  }

  @Test
  void scheduleThenCancelDeletion_defaultThirtyDays_restoresActive() {
    Vault v = bed.vault().vault();

    Vault pending = bed.vaults.scheduleDeletion(bed.caller(), v.id(), null, null);
    assertThat(pending.state()).isEqualTo(Lifecycle.PENDING_DELETION);
    assertThat(pending.timeOfDeletion()).isEqualTo(T0.plus(Duration.ofDays(30)));
    assertApiError(
        () -> bed.vaults.scheduleDeletion(bed.caller(), v.id(), null, null),
        KmsError.INCORRECT_STATE,
        "ACTIVE");

    Vault back = bed.vaults.cancelDeletion(bed.caller(), v.id(), null);

    assertThat(back.state()).isEqualTo(Lifecycle.ACTIVE);
    assertThat(bed.vaults.get(bed.caller(), v.id()).timeOfDeletion()).isNull();
  }

  @Test
  void rename_staleEtag_isNoEtagMatch() {
    Vault v = bed.vault().vault();
    String stale = ETags.of(v.id(), v.timeUpdated());
    bed.clock.advance(Duration.ofSeconds(1));
    bed.vaults.rename(bed.caller(), v.id(), "first", stale);

    assertApiError(
        () -> bed.vaults.rename(bed.caller(), v.id(), "second", stale),
        KmsError.NO_ETAG_MATCH,
        "if-match");
    assertThat(bed.vaults.get(bed.caller(), v.id()).displayName()).isEqualTo("first");
  }

  @Test
  void usage_countsKeysAndVersions() {
    ServiceBed.MadeKey k = bed.key();
    k.external().rotate();
    bed.versions.create(bed.caller(), k.vault().vault().id(), k.key().id(), null);

    assertThat(bed.vaults.usage(bed.caller(), k.vault().vault().id())).containsExactly(1, 2);
  }

  @Test
  void list_pagesTheCompartmentsVaultsInCreationOrder() {
    String compartment = "ocid1.compartment.oc1..listing";
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      bed.clock.advance(Duration.ofMillis(1));
      Vault v = bed.vault().vault();
      made.add(v.id());
    }
    List<Vault> first = bed.vaults.list(bed.caller(), bed.compartment, Page.of(null, 1000));

    assertThat(first).extracting(Vault::id).containsSubsequence(made);
    assertThat(bed.vaults.list(bed.caller(), compartment, Page.of(null, 10))).isEmpty();
  }

  @Test
  void get_unknownOrMalformedId_isNotFound() {
    for (String id : new String[] {"ocid1.vault.oc1..nothere", "ocid1.key.oc1..wrongtype", "x"}) {
      assertApiError(
          () -> bed.vaults.get(bed.caller(), id),
          KmsError.NOT_AUTHORIZED_OR_NOT_FOUND,
          KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
    }
  }
}
