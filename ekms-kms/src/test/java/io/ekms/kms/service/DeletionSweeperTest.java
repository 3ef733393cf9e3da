package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.audit.AuditRecord;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.store.KeyRepository;
import io.ekms.kms.store.KeyVersionRepository;
import io.ekms.kms.store.VaultRepository;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sweeper deletes what is due, with a settable clock, and audits it as the system's act. */
class DeletionSweeperTest {
  private static final Duration THIRTY_DAYS = Duration.ofDays(30);
  private final ServiceBed bed = new ServiceBed();

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void sweep_keyDue_deletesTheKeyAndItsVersionsAndAudits() {
    Key k = bed.key().key();
    bed.keys.scheduleDeletion(bed.caller(), k.vaultId(), k.id(), null, null);
    bed.clock.advance(THIRTY_DAYS.minusMillis(1));
    assertThat(bed.sweeper.sweep()).isZero();
    assertThat(key(k).state()).isEqualTo(Lifecycle.PENDING_DELETION);

    bed.clock.advance(Duration.ofMillis(1));

    assertThat(bed.sweeper.sweep()).isEqualTo(1);
    assertThat(key(k).state()).isEqualTo(Lifecycle.DELETED);
    assertThat(version(k.currentVersionId()).state()).isEqualTo(Lifecycle.DELETED);
    assertThat(sweeperRecords())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.operation()).isEqualTo("DeleteKey");
              assertThat(r.key()).isEqualTo(k.id());
              assertThat(r.result()).isEqualTo("OK");
            });
    assertApiError(
        () -> bed.keys.get(bed.caller(), k.vaultId(), k.id()),
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND,
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
  }

  @Test
  void sweep_versionDue_deletesOnlyThatVersion() {
    ServiceBed.MadeKey made = bed.key();
    Key k = made.key();
    made.external().rotate();
    KeyVersion v2 = bed.versions.create(bed.caller(), k.vaultId(), k.id(), null);
    bed.versions.scheduleDeletion(
        bed.caller(), k.vaultId(), k.id(), k.currentVersionId(), null, null);
    bed.clock.advance(THIRTY_DAYS);

    assertThat(bed.sweeper.sweep()).isEqualTo(1);

    assertThat(version(k.currentVersionId()).state()).isEqualTo(Lifecycle.DELETED);
    assertThat(version(v2.id()).state()).isEqualTo(Lifecycle.ENABLED);
    assertThat(key(k).state()).isEqualTo(Lifecycle.ENABLED);
    assertThat(sweeperRecords())
        .extracting(AuditRecord::operation)
        .containsExactly("DeleteKeyVersion");
  }

  @Test
  void sweep_vaultDue_deletesEveryKeyAndVersionInItWhateverTheCompartment() {
    ServiceBed.Made made = bed.vault();
    Key here = bed.key(made).key();
    String elsewhere = "ocid1.compartment.oc1..elsewhere";
    Key there =
        bed.keys.create(
            bed.caller(),
            made.vault().id(),
            new KeyService.Create(
                elsewhere, null, "AES", 32, "EXTERNAL", made.external().addKey(32).id));
    bed.vaults.scheduleDeletion(bed.caller(), made.vault().id(), null, null);
    bed.clock.advance(THIRTY_DAYS);

    assertThat(bed.sweeper.sweep()).isEqualTo(1);

    assertThat(vault(made.vault()).state()).isEqualTo(Lifecycle.DELETED);
    for (Key k : List.of(here, there)) {
      assertThat(key(k).state()).as(k.compartmentId()).isEqualTo(Lifecycle.DELETED);
      assertThat(version(k.currentVersionId()).state()).isEqualTo(Lifecycle.DELETED);
    }
    assertThat(sweeperRecords()).extracting(AuditRecord::operation).contains("DeleteVault");
    assertApiError(
        () -> bed.vaults.usage(bed.caller(), made.vault().id()),
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND,
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
  }

  @Test
  void sweep_cancelledBeforeDue_deletesNothing() {
    Key k = bed.key().key();
    bed.keys.scheduleDeletion(bed.caller(), k.vaultId(), k.id(), null, null);
    bed.keys.cancelDeletion(bed.caller(), k.vaultId(), k.id(), null);
    bed.clock.advance(THIRTY_DAYS.plusDays(1));

    assertThat(bed.sweeper.sweep()).isZero();

    assertThat(key(k).state()).isEqualTo(Lifecycle.ENABLED);
    assertThat(sweeperRecords()).isEmpty();
  }

  @Test
  void sweep_again_findsNothingMore() {
    Key k = bed.key().key();
    bed.keys.scheduleDeletion(bed.caller(), k.vaultId(), k.id(), null, null);
    bed.clock.advance(THIRTY_DAYS);
    bed.sweeper.sweep();

    assertThat(bed.sweeper.sweep()).isZero();

    assertThat(sweeperRecords()).hasSize(1);
  }

  @Test
  void sweep_retryTokensOlderThanADay_areForgotten() {
    bed.retryTokens.begin(ServiceBed.PRINCIPAL, "tok-1", "CreateKey", "hash-a");
    bed.retryTokens.complete(ServiceBed.PRINCIPAL, "tok-1", 200, "{}");
    bed.clock.advance(Duration.ofHours(24));
    bed.sweeper.sweep();
    assertThat(bed.retryTokens.begin(ServiceBed.PRINCIPAL, "tok-1", "CreateKey", "hash-a"))
        .isPresent();

    bed.clock.advance(Duration.ofMillis(1));
    bed.sweeper.sweep();

    assertThat(bed.retryTokens.begin(ServiceBed.PRINCIPAL, "tok-1", "CreateKey", "hash-b"))
        .isEmpty();
  }

  private List<AuditRecord> sweeperRecords() {
    return bed.audited().stream()
        .filter(r -> r.caller().equals("system:deletion-sweeper"))
        .toList();
  }

  private Key key(Key k) {
    return bed.db.withConnection(c -> new KeyRepository().find(c, k.id())).orElseThrow();
  }

  private KeyVersion version(String id) {
    return bed.db.withConnection(c -> new KeyVersionRepository().find(c, id)).orElseThrow();
  }

  private Vault vault(Vault v) {
    return bed.db.withConnection(c -> new VaultRepository().find(c, v.id())).orElseThrow();
  }
}
