package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ekms ekm key update}, {@code ekms ekm xks update} and {@code ekms ekm vault delete}
 * against a real EKM over HTTPS.
 */
class EkmChangeCommandsTest {
  @TempDir Path dir;

  @Test
  void keyUpdate_decryptOnlyThenBadOpThenDeletedKey_changesOnlyTheFirst() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "key-update-cli-test")) {
      String vault = bed.vault();
      String key =
          bed.ekms("ekm", "key", "create", "--vault-id", vault, "--name", "k").path("id").asText();

      var updated = bed.ekms("ekm", "key", "update", "--vault-id", vault, "--ops", "DECRYPT", key);

      assertThat(updated.path("ops").toString()).isEqualTo("[\"DECRYPT\"]");
      assertThat(bed.ekms("ekm", "key", "get", "--vault-id", vault, key).path("ops").toString())
          .isEqualTo("[\"DECRYPT\"]");
      assertThat(bed.refused("ekm", "key", "update", "--vault-id", vault, "--ops", "SIGN", key))
          .contains("EKM answered 400 InvalidRequest: Field 'ops' may hold only ENCRYPT and");
      bed.ekms("ekm", "key", "do", "delete", "--vault-id", vault, key);
      assertThat(
              bed.refused(
                  "ekm", "key", "update", "--vault-id", vault, "--ops", "ENCRYPT,DECRYPT", key))
          .contains("EKM answered 409 Conflict: The key is deleted");
    }
  }

  @Test
  void keyUpdate_kmsRotationAndPeriodThenNoneThenOutOfRange_setClearedRefused() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "key-rotation-cli-test")) {
      String vault = bed.vault();
      String key =
          bed.ekms("ekm", "key", "create", "--vault-id", vault, "--name", "k").path("id").asText();

      var set =
          bed.ekms(
              "ekm",
              "key",
              "update",
              "--vault-id",
              vault,
              "--kms-rotation",
              "quorum",
              "--rotation-period-days",
              "90",
              key);
      var cleared =
          bed.ekms(
              "ekm", "key", "update", "--vault-id", vault, "--rotation-period-days", "none", key);

      assertThat(set.path("kmsRotation").asText()).isEqualTo("QUORUM");
      assertThat(set.path("rotationPeriodDays").asInt()).isEqualTo(90);
      assertThat(set.path("nextRotationAt").asText()).isNotEmpty();
      assertThat(cleared.path("rotationPeriodDays").isMissingNode()).isTrue();
      assertThat(cleared.path("kmsRotation").asText()).isEqualTo("QUORUM");
      assertThat(
              bed.refused(
                  "ekm", "key", "update", "--vault-id", vault, "--rotation-period-days", "0", key))
          .contains("EKM answered 400 InvalidRequest: Field 'rotationPeriodDays' must be 1 to");
      assertThat(
              bed.refused("ekm", "key", "update", "--vault-id", vault, "--kms-rotation", "ok", key))
          .contains("EKM answered 400 InvalidRequest: Field 'kmsRotation' must be ALLOW");
    }
  }

  @Test
  void xksUpdate_newRateThenOutOfRangeThenUnknown_changesOnlyTheFirst() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "xks-update-cli-test")) {
      String store =
          bed.ekms(
                  "ekm", "xks", "create", "--name", "aws", "--uri-prefix", "aws/cli", "--rate", "5")
              .path("id")
              .asText();

      var updated = bed.ekms("ekm", "xks", "update", "--rate", "25", store);

      assertThat(updated.path("ratePerSecond").asInt()).isEqualTo(25);
      assertThat(bed.ekms("ekm", "xks", "list").path("items").get(0).path("ratePerSecond").asInt())
          .isEqualTo(25);
      assertThat(bed.refused("ekm", "xks", "update", "--rate", "-1", store))
          .contains("EKM answered 400 InvalidRequest: Field 'ratePerSecond' must be 0 to 1000000.");
      assertThat(
              bed.refused(
                  "ekm", "xks", "update", "--rate", "1", "xks-00000000000000000000000000000000"))
          .contains("EKM answered 404 NotFound");
    }
  }

  @Test
  void vaultDelete_withLiveKeyThenKeyDeletedThenAgain_refusedDeletedNotFound() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "vault-delete-cli-test")) {
      String vault = bed.vault();
      String key =
          bed.ekms("ekm", "key", "create", "--vault-id", vault, "--name", "k").path("id").asText();

      assertThat(bed.refused("ekm", "vault", "delete", vault))
          .contains("EKM answered 409 Conflict: The vault still has 1 key that is not deleted;");
      bed.ekms("ekm", "key", "do", "delete", "--vault-id", vault, key);
      bed.ekms("ekm", "vault", "delete", vault);

      assertThat(bed.ekms("ekm", "vault", "list").path("items")).isEmpty();
      assertThat(bed.refused("ekm", "vault", "delete", vault))
          .contains("EKM answered 404 NotFound");
    }
  }
}
