package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oracle.bmc.keymanagement.model.ExternalKeyVersionReference;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.model.ScheduleKeyDeletionDetails;
import com.oracle.bmc.keymanagement.requests.CancelKeyDeletionRequest;
import com.oracle.bmc.keymanagement.requests.CreateKeyVersionRequest;
import com.oracle.bmc.keymanagement.requests.DisableKeyRequest;
import com.oracle.bmc.keymanagement.requests.EnableKeyRequest;
import com.oracle.bmc.keymanagement.requests.GetKeyRequest;
import com.oracle.bmc.keymanagement.requests.ListKeyVersionsRequest;
import com.oracle.bmc.keymanagement.requests.ListKeysRequest;
import com.oracle.bmc.keymanagement.requests.ScheduleKeyDeletionRequest;
import com.oracle.bmc.model.BmcException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rotation, the customer's kill switches in the EKM, and key lifecycle through the OCI SDK. */
class OciSdkLifecycleTest {
  static SdkWorld w;

  @BeforeAll
  static void start() throws Exception {
    w = new SdkWorld();
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  static void assertRefused(Runnable call, int status, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            BmcException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(status);
              assertThat(e.getServiceCode()).isEqualTo(code);
            });
  }

  @Test
  void rotation_inEkmThenKeyVersion_oldAndNewCiphertextsDecrypt() throws Exception {
    String ekmKey = w.newEkmKey("rotating");
    Key key = w.newKey("rotating", ekmKey);
    String before = w.encrypt(key.getId(), "before", null);
    String ekmVersion = w.ekmKeyAction(ekmKey, "rotate").path("id").asText();
    var version =
        w.management
            .createKeyVersion(
                CreateKeyVersionRequest.builder()
                    .keyId(key.getId())
                    .createKeyMetadataDetails(
                        ExternalKeyVersionReference.builder()
                            .externalKeyVersionId(ekmVersion)
                            .build())
                    .build())
            .getKeyVersion();
    assertThat(version.getExternalKeyReferenceDetails().getExternalKeyVersionId())
        .isEqualTo(ekmVersion);
    Key now = w.management.getKey(GetKeyRequest.builder().keyId(key.getId()).build()).getKey();
    assertThat(now.getCurrentKeyVersion()).isEqualTo(version.getId());
    String after = w.encrypt(key.getId(), "after", null);
    assertThat(w.decrypt(key.getId(), before, null)).isEqualTo("before");
    assertThat(w.decrypt(key.getId(), after, null)).isEqualTo("after");
    var versions =
        w.management
            .listKeyVersions(ListKeyVersionsRequest.builder().keyId(key.getId()).build())
            .getItems();
    assertThat(versions).hasSize(2);
  }

  @Test
  void keyDisabledInEkm_nextEncryptIs409_andEnableRestores() throws Exception {
    String ekmKey = w.newEkmKey("switch");
    Key key = w.newKey("switch", ekmKey);
    String ct = w.encrypt(key.getId(), "x", null);
    w.ekmKeyAction(ekmKey, "disable");
    assertRefused(() -> w.encrypt(key.getId(), "y", null), 409, "IncorrectState");
    assertRefused(() -> w.decrypt(key.getId(), ct, null), 409, "IncorrectState");
    w.ekmKeyAction(ekmKey, "enable");
    assertThat(w.decrypt(key.getId(), ct, null)).isEqualTo("x");
  }

  @Test
  void vaultBlockedInEkm_nextEncryptIs409() throws Exception {
    Key key = w.newKey("blocked");
    w.ekmVaultAction("block");
    try {
      assertRefused(() -> w.encrypt(key.getId(), "y", null), 409, "IncorrectState");
    } finally {
      w.ekmVaultAction("unblock");
    }
    assertThat(w.decrypt(key.getId(), w.encrypt(key.getId(), "z", null), null)).isEqualTo("z");
  }

  @Test
  void disableEnableScheduleCancel_throughTheSdk() {
    Key key = w.newKey("lifecycle");
    Key disabled =
        w.management.disableKey(DisableKeyRequest.builder().keyId(key.getId()).build()).getKey();
    assertThat(disabled.getLifecycleState()).isEqualTo(Key.LifecycleState.Disabled);
    assertRefused(() -> w.encrypt(key.getId(), "no", null), 409, "IncorrectState");
    w.management.enableKey(EnableKeyRequest.builder().keyId(key.getId()).build());
    Date when = Date.from(Instant.now().plus(Duration.ofDays(10)));
    Key pending =
        w.management
            .scheduleKeyDeletion(
                ScheduleKeyDeletionRequest.builder()
                    .keyId(key.getId())
                    .scheduleKeyDeletionDetails(
                        ScheduleKeyDeletionDetails.builder().timeOfDeletion(when).build())
                    .build())
            .getKey();
    assertThat(pending.getLifecycleState()).isEqualTo(Key.LifecycleState.PendingDeletion);
    assertThat(pending.getTimeOfDeletion()).isCloseTo(when, 1000);
    assertRefused(() -> w.encrypt(key.getId(), "no", null), 409, "IncorrectState");
    Key back =
        w.management
            .cancelKeyDeletion(CancelKeyDeletionRequest.builder().keyId(key.getId()).build())
            .getKey();
    assertThat(back.getLifecycleState()).isEqualTo(Key.LifecycleState.Enabled);
    assertThat(w.decrypt(key.getId(), w.encrypt(key.getId(), "ok", null), null)).isEqualTo("ok");
  }

  @Test
  void scheduleDeletion_tooSoon_is400() {
    Key key = w.newKey("too-soon");
    assertRefused(
        () ->
            w.management.scheduleKeyDeletion(
                ScheduleKeyDeletionRequest.builder()
                    .keyId(key.getId())
                    .scheduleKeyDeletionDetails(
                        ScheduleKeyDeletionDetails.builder()
                            .timeOfDeletion(Date.from(Instant.now().plus(Duration.ofDays(2))))
                            .build())
                    .build()),
        400,
        "InvalidParameter");
  }

  @Test
  void listKeys_withLimit_pagesThroughEveryKey() {
    Set<String> made = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      made.add(w.newKey("paged-" + i).getId());
    }
    Set<String> seen = new HashSet<>();
    String page = null;
    int pages = 0;
    do {
      var response =
          w.management.listKeys(
              ListKeysRequest.builder()
                  .compartmentId(SdkWorld.COMPARTMENT)
                  .limit(2)
                  .page(page)
                  .build());
      assertThat(response.getItems()).hasSizeLessThanOrEqualTo(2);
      response.getItems().forEach(k -> seen.add(k.getId()));
      page = response.getOpcNextPage();
      pages++;
    } while (page != null && pages < 50);
    assertThat(seen).containsAll(made);
    assertThat(pages).isGreaterThanOrEqualTo(2);
  }

  @Test
  void createKey_retriedWithTheSameRetryToken_createsOneKey() {
    var details =
        com.oracle.bmc.keymanagement.model.CreateKeyDetails.builder()
            .compartmentId(SdkWorld.COMPARTMENT)
            .displayName("idempotent")
            .keyShape(
                com.oracle.bmc.keymanagement.model.KeyShape.builder()
                    .algorithm(com.oracle.bmc.keymanagement.model.KeyShape.Algorithm.Aes)
                    .length(32)
                    .build())
            .protectionMode(
                com.oracle.bmc.keymanagement.model.CreateKeyDetails.ProtectionMode.External)
            .externalKeyReference(
                com.oracle.bmc.keymanagement.model.ExternalKeyReference.builder()
                    .externalKeyId(w.ekmKeyId)
                    .build())
            .build();
    String token = "retry-" + System.nanoTime();
    var request =
        com.oracle.bmc.keymanagement.requests.CreateKeyRequest.builder()
            .createKeyDetails(details)
            .opcRetryToken(token)
            .build();
    Key first = w.management.createKey(request).getKey();
    Key second = w.management.createKey(request).getKey();
    assertThat(second.getId()).isEqualTo(first.getId());
    var other =
        com.oracle.bmc.keymanagement.requests.CreateKeyRequest.builder()
            .createKeyDetails(details.toBuilder().displayName("different").build())
            .opcRetryToken(token)
            .build();
    assertRefused(() -> w.management.createKey(other), 409, "RetryTokenReused");
  }

  @Test
  void disableKey_withStaleIfMatch_is412() {
    Key key = w.newKey("etag");
    String stale =
        w.management.getKey(GetKeyRequest.builder().keyId(key.getId()).build()).getEtag();
    w.management.disableKey(DisableKeyRequest.builder().keyId(key.getId()).ifMatch(stale).build());
    assertRefused(
        () ->
            w.management.enableKey(
                EnableKeyRequest.builder().keyId(key.getId()).ifMatch(stale).build()),
        412,
        "NoEtagMatch");
  }
}
