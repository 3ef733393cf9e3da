package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static io.ekms.kms.service.Refusals.assertExternal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.FakeKey;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key versions: rotation as "rotate in the EKM, then here", and version deletion. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyVersionServiceTest {
  private final ServiceBed bed = new ServiceBed();
  private Key key;
  private FakeKey external;

  @BeforeEach
  void reset() {
    bed.reset();
    ServiceBed.MadeKey made = bed.key();
    key = made.key();
    external = made.external();
    bed.clock.advance(Duration.ofSeconds(1));
  }

  @AfterAll
  void close() {
    bed.close();
  }

  @Test
  void create_noExternalVersion_takesTheEkmsCurrentAndBecomesCurrent() {
    String rotated = external.rotate();

    KeyVersion v = create(null);

    assertThat(v.externalKeyVersionId()).isEqualTo(rotated);
    assertThat(v.state()).isEqualTo(Lifecycle.ENABLED);
    Key now = bed.keys.get(bed.caller(), key.vaultId(), key.id());
    assertThat(now.currentVersionId()).isEqualTo(v.id());
    assertThat(bed.keys.detail(now).currentExternalVersionId()).isEqualTo(rotated);
  }

  @Test
  void create_explicitExternalVersion_takesThatOne() {
    String second = external.rotate();
    external.rotate();

    KeyVersion v = create(second);

    assertThat(v.externalKeyVersionId()).isEqualTo(second);
    assertThat(bed.versions.get(bed.caller(), key.vaultId(), key.id(), v.id())).isEqualTo(v);
  }

  @Test
  void create_externalVersionAlreadyRecorded_isIncorrectState() {
    assertApiError(
        () -> create(external.current()), KmsError.INCORRECT_STATE, "already a version of the key");

    String rotated = external.rotate();
    create(null);
    assertApiError(() -> create(rotated), KmsError.INCORRECT_STATE, "already a version");
  }

  @Test
  void create_unknownOrDisabledExternalVersion_isRefused() {
    assertExternal(() -> create("ext-v-unknown"), EkmRefused.NotFound.class);

    String rotated = external.rotate();
    external.version(rotated).state = "DISABLED";
    assertApiError(() -> create(rotated), KmsError.INCORRECT_STATE, "key version is DISABLED");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../v", "v 1", ".v", "v/1"})
  void create_externalVersionIdNotPathSafe_isInvalidParameterWithoutAskingTheEkm(String id) {
    int asked = bed.ekm.totalCalls();

    assertApiError(() -> create(id), KmsError.INVALID_PARAMETER, "externalKeyVersionId");
    assertApiError(() -> create(" "), KmsError.MISSING_PARAMETER, "externalKeyVersionId");
    assertThat(bed.ekm.totalCalls()).isEqualTo(asked);
  }

  @Test
  void create_keyDisabled_isIncorrectState() {
    bed.keys.disable(bed.caller(), key.vaultId(), key.id(), null);
    external.rotate();

    assertApiError(() -> create(null), KmsError.INCORRECT_STATE, "The key is DISABLED");
  }

  @Test
  void create_keyDisabledWhileTheEkmIsAsked_isIncorrectStateAndNothingRecorded() {
    external.rotate();
    bed.ekm.onCall(
        op -> {
          if (op.equals("keyVersion")) {
            bed.ekm.onCall(o -> {});
            bed.keys.disable(bed.caller(), key.vaultId(), key.id(), null);
          }
        });

    assertApiError(() -> create(null), KmsError.INCORRECT_STATE, "DISABLED");

    Key now = bed.keys.get(bed.caller(), key.vaultId(), key.id());
    assertThat(now.currentVersionId()).isEqualTo(key.currentVersionId());
    assertThat(bed.vaults.usage(bed.caller(), key.vaultId())).containsExactly(1, 1);
  }

  @Test
  void scheduleDeletion_currentVersion_isIncorrectState() {
    assertApiError(
        () -> schedule(key.currentVersionId()),
        KmsError.INCORRECT_STATE,
        "current key version cannot be deleted");
  }

  @Test
  void scheduleThenCancelDeletion_oldVersion_pendingThirtyDaysThenEnabled() {
    external.rotate();
    create(null);

    KeyVersion pending = schedule(key.currentVersionId());
    assertThat(pending.state()).isEqualTo(Lifecycle.PENDING_DELETION);
    assertThat(pending.timeOfDeletion()).isEqualTo(bed.clock.instant().plus(Duration.ofDays(30)));
    assertApiError(() -> schedule(pending.id()), KmsError.INCORRECT_STATE, "PENDING_DELETION");

    KeyVersion back =
        bed.versions.cancelDeletion(bed.caller(), key.vaultId(), key.id(), pending.id(), null);

    assertThat(back.state()).isEqualTo(Lifecycle.ENABLED);
    assertThat(back.timeOfDeletion()).isNull();
  }

  @Test
  void scheduleDeletion_outsideTheWindow_isInvalidParameter() {
    external.rotate();
    create(null);
    var when = bed.clock.instant().plus(Duration.ofDays(31));

    assertApiError(
        () ->
            bed.versions.scheduleDeletion(
                bed.caller(), key.vaultId(), key.id(), key.currentVersionId(), when, null),
        KmsError.INVALID_PARAMETER,
        "between 7 and 30 days");
  }

  @Test
  void scheduleDeletion_staleEtag_isNoEtagMatch() {
    external.rotate();
    create(null);
    KeyVersion old =
        bed.versions.get(bed.caller(), key.vaultId(), key.id(), key.currentVersionId());
    String stale = ETags.of(old.id(), old.timeUpdated());
    schedule(old.id());
    bed.clock.advance(Duration.ofSeconds(1));
    bed.versions.cancelDeletion(bed.caller(), key.vaultId(), key.id(), old.id(), null);

    assertApiError(
        () ->
            bed.versions.scheduleDeletion(
                bed.caller(), key.vaultId(), key.id(), old.id(), null, stale),
        KmsError.NO_ETAG_MATCH,
        "if-match");
  }

  @Test
  void get_versionOfAnotherKey_isNotFound() {
    Key other = bed.key().key();

    assertApiError(
        () -> bed.versions.get(bed.caller(), key.vaultId(), key.id(), other.currentVersionId()),
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND,
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
  }

  private KeyVersion create(String externalVersionId) {
    return bed.versions.create(bed.caller(), key.vaultId(), key.id(), externalVersionId);
  }

  private KeyVersion schedule(String versionId) {
    return bed.versions.scheduleDeletion(
        bed.caller(), key.vaultId(), key.id(), versionId, null, null);
  }
}
