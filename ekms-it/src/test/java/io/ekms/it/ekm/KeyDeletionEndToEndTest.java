package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.MutableClock;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deleting a key with a waiting period, over HTTPS: the key refuses EKM API calls at once, the
 * deletion can be cancelled, and after the waiting period the deletion pass destroys it.
 */
class KeyDeletionEndToEndTest {
  static final MutableClock CLOCK = new MutableClock(Instant.now());
  static LoopbackStack stack;
  static TestIssuer issuer;
  static EkmVault f;
  static RawHttps admin;

  @BeforeAll
  static void start() throws Exception {
    stack =
        LoopbackStack.builder(TempDirs.create("key-deletion-"))
            .ekm(b -> b.keyDeletion(new EkmConfig.KeyDeletion(7, null)))
            .ekmClock(CLOCK)
            .start();
    issuer = TestIssuer.start();
    f = EkmVault.ofIssuer(stack, issuer);
    admin = f.adminRaw();
  }

  @AfterAll
  static void stop() {
    stack.close();
    issuer.close();
  }

  private String keyPath(String keyId) {
    return "/admin/v1/vaults/" + f.vaultId + "/keys/" + keyId;
  }

  private JsonNode post(String path, Object body) throws Exception {
    RawHttps.Answer a = admin.post(path, f.adminToken(), body);
    assertThat(a.status()).as(a.text()).isEqualTo(200);
    return a.body();
  }

  @Test
  void delete_keyRefusedAtOnce_cancelBringsItBackDisabled() throws Exception {
    String keyId = f.createKey("cancelled", List.of("ENCRYPT", "DECRYPT"));
    JsonNode ct = f.encrypt(keyId, "kept", null);

    JsonNode pending = post(keyPath(keyId) + "/delete", Map.of("pendingDays", 10));

    assertThat(pending.path("state").asText()).isEqualTo("PENDING_DELETION");
    assertThat(Instant.parse(pending.path("deletionTime").asText()))
        .isEqualTo(CLOCK.instant().plus(Duration.ofDays(10)));
    RawHttps.Answer refused =
        f.api.post(
            f.apiBase() + "/keys/" + keyId + "/encrypt",
            f.token(),
            Map.of("plaintext", EkmVault.b64("x")));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("KeyDisabled");
    assertThat(
            f.api
                .get(f.apiBase() + "/keys/" + keyId + "/metadata", f.token())
                .body()
                .path("state")
                .asText())
        .isEqualTo("DISABLED");

    JsonNode cancelled = post(keyPath(keyId) + "/cancel-deletion", Map.of());
    post(keyPath(keyId) + "/enable", Map.of());

    assertThat(cancelled.path("state").asText()).isEqualTo("DISABLED");
    assertThat(f.decrypt(keyId, ct, null).status()).isEqualTo(200);
  }

  @Test
  void delete_afterTheWaitingPeriod_theDeletionPassDestroysTheKey() throws Exception {
    String keyId = f.createKey("doomed", List.of("ENCRYPT", "DECRYPT"));
    JsonNode pending = post(keyPath(keyId) + "/delete", Map.of());
    assertThat(Instant.parse(pending.path("deletionTime").asText()))
        .isEqualTo(CLOCK.instant().plus(Duration.ofDays(7)));

    Duration later = Duration.ofDays(7).plusSeconds(1);
    CLOCK.advance(later);
    int deleted;
    try {
      deleted = stack.ekm().keyDeletions().deleteDue();
    } finally {
      CLOCK.advance(later.negated());
    }

    assertThat(deleted).isEqualTo(1);
    RawHttps.Answer gone = admin.get(keyPath(keyId), f.adminToken());
    assertThat(gone.status()).isEqualTo(404);
  }
}
