package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static io.ekms.kms.service.Refusals.assertExternal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Page;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.FakeKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Creating a key reference: what the KMS checks in the EKM first, and what it records. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyServiceCreateTest {
  private final ServiceBed bed = new ServiceBed();
  private ServiceBed.Made vault;

  @BeforeEach
  void reset() {
    bed.reset();
    vault = bed.vault();
  }

  @AfterAll
  void close() {
    bed.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 24, 32})
  void create_activeAesKey_isEnabledWithTheEkmsCurrentVersionAsVersionOne(int length) {
    FakeKey external = vault.external().addKey(length);

    Key k = create(external.id, length);

    assertThat(k.state()).isEqualTo(Lifecycle.ENABLED);
    assertThat(k.lengthBytes()).isEqualTo(length);
    assertThat(k.externalKeyId()).isEqualTo(external.id);
    assertThat(bed.keys.detail(k).currentExternalVersionId()).isEqualTo(external.current());
    List<KeyVersion> versions =
        bed.versions.list(bed.caller(), k.vaultId(), k.id(), Page.of(null, 10));
    assertThat(versions).extracting(KeyVersion::id).containsExactly(k.currentVersionId());
  }

  @Test
  void create_ekmKeyDisabled_isIncorrectState() {
    FakeKey external = vault.external().addKey(32);
    external.state = "DISABLED";

    assertApiError(
        () -> create(external.id, 32), KmsError.INCORRECT_STATE, "is DISABLED in the external");
  }

  @Test
  void create_ekmKeyNotAes_isInvalidParameter() {
    FakeKey external = vault.external().addKey(32);
    external.algorithm = "RSA";

    assertApiError(() -> create(external.id, 32), KmsError.INVALID_PARAMETER, "only AES keys");
  }

  @Test
  void create_lengthDiffersFromTheEkms_isInvalidParameter() {
    FakeKey external = vault.external().addKey(16);

    assertApiError(
        () -> create(external.id, 32),
        KmsError.INVALID_PARAMETER,
        "has 128 bits but keyShape.length asks for 256");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ENCRYPT", "DECRYPT"})
  void create_ekmKeyLacksAnOperation_isInvalidParameter(String only) {
    FakeKey external = vault.external().addKey(32);
    external.ops = Set.of(only);

    assertApiError(
        () -> create(external.id, 32),
        KmsError.INVALID_PARAMETER,
        "must allow ENCRYPT and DECRYPT");
  }

  @Test
  void create_ekmCurrentVersionDisabled_isIncorrectState() {
    FakeKey external = vault.external().addKey(32);
    external.version(external.current()).state = "DISABLED";

    assertApiError(
        () -> create(external.id, 32), KmsError.INCORRECT_STATE, "key version is DISABLED");
  }

  @Test
  void create_unknownEkmKey_isExternalNotFoundAndNothingStored() {
    assertExternal(() -> create("ext-key-unknown", 32), EkmRefused.NotFound.class);

    assertThat(bed.vaults.usage(bed.caller(), vault.vault().id())).containsExactly(0, 0);
  }

  @Test
  void create_badShapeOrMode_isRefusedBeforeAskingTheEkm() {
    String id = vault.external().addKey(32).id;
    String v = vault.vault().id();
    var c = bed.compartment;
    int asked = bed.ekm.calls("key");

    assertApiError(
        () ->
            bed.keys.create(
                bed.caller(), v, new KeyService.Create(c, null, "AES", 20, "EXTERNAL", id)),
        KmsError.INVALID_PARAMETER,
        "16, 24 or 32");
    assertApiError(
        () ->
            bed.keys.create(
                bed.caller(), v, new KeyService.Create(c, null, "RSA", 32, "EXTERNAL", id)),
        KmsError.INVALID_PARAMETER,
        "must be AES");
    assertApiError(
        () ->
            bed.keys.create(bed.caller(), v, new KeyService.Create(c, null, "AES", 32, "HSM", id)),
        KmsError.INVALID_PARAMETER,
        "EXTERNAL");
    assertApiError(
        () ->
            bed.keys.create(
                bed.caller(), v, new KeyService.Create(c, null, "AES", 32, "EXTERNAL", null)),
        KmsError.MISSING_PARAMETER,
        "externalKeyId");
    assertThat(bed.ekm.calls("key")).isEqualTo(asked);
  }

  /** The id goes into the EKM's URL path: the EKM client refuses anything else, as a 500. */
  @ParameterizedTest
  @ValueSource(strings = {"../admin", "a b", "-leading-dash", "key/1", "kéy", "k%2F1"})
  void create_externalKeyIdNotPathSafe_isInvalidParameterWithoutAskingTheEkm(String id) {
    int asked = bed.ekm.totalCalls();

    assertApiError(() -> create(id, 32), KmsError.INVALID_PARAMETER, "externalKeyId");
    assertApiError(
        () -> create("k" + "x".repeat(255), 32), KmsError.INVALID_PARAMETER, "externalKeyId");
    assertThat(bed.ekm.totalCalls()).isEqualTo(asked);
  }

  @Test
  void create_vaultPendingDeletion_isIncorrectState() {
    String id = vault.external().addKey(32).id;
    bed.vaults.scheduleDeletion(bed.caller(), vault.vault().id(), null, null);

    assertApiError(() -> create(id, 32), KmsError.INCORRECT_STATE, "PENDING_DELETION");
  }

  @Test
  void create_vaultScheduledForDeletionWhileTheEkmIsAsked_isIncorrectStateAndNothingStored() {
    String id = vault.external().addKey(32).id;
    bed.ekm.onCall(
        op -> {
          bed.ekm.onCall(o -> {});
          bed.vaults.scheduleDeletion(bed.caller(), vault.vault().id(), null, null);
        });

    assertApiError(() -> create(id, 32), KmsError.INCORRECT_STATE, "PENDING_DELETION");

    assertThat(bed.vaults.usage(bed.caller(), vault.vault().id())).containsExactly(0, 0);
  }

  @Test
  void get_keyOfAnotherVault_isNotFound() {
    Key k = bed.key().key();

    assertApiError(
        () -> bed.keys.get(bed.caller(), vault.vault().id(), k.id()),
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND,
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
  }

  private Key create(String externalKeyId, int length) {
    return bed.keys.create(bed.caller(), vault.vault().id(), bed.keyCreate(externalKeyId, length));
  }
}
