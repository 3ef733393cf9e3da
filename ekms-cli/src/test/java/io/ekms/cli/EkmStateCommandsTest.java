package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EKM's state verbs against a real EKM over HTTPS: {@code ekm key do}, {@code ekm vault
 * block|unblock}, {@code ekm version do}, and {@code ekm audit read|verify} finding what they did.
 */
class EkmStateCommandsTest {
  @TempDir Path dir;

  private static String key(EkmCliBed bed, String vault) throws Exception {
    return bed.ekms("ekm", "key", "create", "--vault-id", vault, "--name", "k").path("id").asText();
  }

  @Test
  void keyDo_rotateDisableEnableDelete_eachStateShownByGet() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "key-do-cli-test")) {
      String vault = bed.vault();
      String key = key(bed, vault);
      String first =
          bed.ekms("ekm", "key", "get", "--vault-id", vault, key).path("currentVersionId").asText();

      JsonNode rotated = bed.ekms("ekm", "key", "do", "--vault-id", vault, "rotate", key);
      assertThat(rotated.path("number").asInt()).isEqualTo(2);
      assertThat(
              bed.ekms("ekm", "key", "get", "--vault-id", vault, key)
                  .path("currentVersionId")
                  .asText())
          .isEqualTo(rotated.path("id").asText())
          .isNotEqualTo(first);
      assertThat(
              bed.ekms("ekm", "key", "do", "--vault-id", vault, "disable", key)
                  .path("state")
                  .asText())
          .isEqualTo("DISABLED");
      assertThat(
              bed.ekms("ekm", "key", "do", "--vault-id", vault, "enable", key)
                  .path("state")
                  .asText())
          .isEqualTo("ACTIVE");
      assertThat(
              bed.ekms("ekm", "key", "do", "--vault-id", vault, "delete", key)
                  .path("state")
                  .asText())
          .isEqualTo("DELETED");
      assertThat(bed.fails("ekm", "key", "do", "--vault-id", vault, "explode", key))
          .isEqualTo(ErrorHandler.CONFIG);
    }
  }

  @Test
  void vaultBlockThenUnblock_stateFollowsAndUnknownVaultRefused() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "vault-block-cli-test")) {
      String vault = bed.vault();
      assertThat(bed.ekms("ekm", "vault", "block", vault).path("state").asText())
          .isEqualTo("BLOCKED");
      assertThat(bed.ekms("ekm", "vault", "get", vault).path("state").asText())
          .isEqualTo("BLOCKED");
      assertThat(bed.ekms("ekm", "vault", "unblock", vault).path("state").asText())
          .isEqualTo("ACTIVE");
      assertThat(bed.refused("ekm", "vault", "block", "vlt-" + "0".repeat(32)))
          .contains("EKM answered 404 NotFound");
    }
  }

  @Test
  void versionDo_disableEnableDestroy_listShowsEachState() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "version-do-cli-test")) {
      String vault = bed.vault();
      String key = key(bed, vault);
      String old =
          bed.ekms("ekm", "key", "get", "--vault-id", vault, key).path("currentVersionId").asText();
      bed.ekms("ekm", "key", "do", "--vault-id", vault, "rotate", key);
      String[] scope = {"--vault-id", vault, "--key-id", key};

      assertThat(version(bed, scope, "disable", old)).isEqualTo("DISABLED");
      assertThat(version(bed, scope, "enable", old)).isEqualTo("ACTIVE");
      assertThat(version(bed, scope, "destroy", old)).isEqualTo("DESTROYED");
      JsonNode versions = bed.ekms(concat(new String[] {"ekm", "version", "list"}, scope));
      assertThat(versions.path("items").findValuesAsText("state"))
          .containsExactlyInAnyOrder("DESTROYED", "ACTIVE");
    }
  }

  @Test
  void auditReadAndVerify_afterAChange_findTheRecordAndAnIntactChain() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "audit-cli-test")) {
      String vault = bed.vault();
      bed.ekms("ekm", "vault", "block", vault);

      JsonNode records = bed.ekms("ekm", "audit", "read", "--limit", "1000");
      assertThat(records.path("items").findValuesAsText("operation"))
          .contains("AddIssuer", "CreateVault", "BlockVault");
      String requestId =
          records
              .path("items")
              .get(records.path("items").size() - 1)
              .path("record")
              .path("requestId")
              .asText();
      JsonNode one = bed.ekms("ekm", "audit", "read", "--request-id", requestId);
      assertThat(one.path("items")).isNotEmpty();
      assertThat(one.path("items").findValuesAsText("requestId")).containsOnly(requestId);

      JsonNode verified = bed.ekms("ekm", "audit", "verify");
      assertThat(verified.path("ok").asBoolean()).isTrue();
      assertThat(verified.path("checked").asLong()).isGreaterThanOrEqualTo(3);
    }
  }

  private static String version(EkmCliBed bed, String[] scope, String action, String id)
      throws Exception {
    return bed.ekms(concat(new String[] {"ekm", "version", "do"}, scope, new String[] {action, id}))
        .path("state")
        .asText();
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  @Test
  void anyAdminVerb_outputTable_alignedColumnsOfTheItemsPlainFields() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "table-cli-test")) {
      String vault = bed.vault();
      String key = key(bed, vault);

      List<String> vaults = bed.text("ekm", "vault", "list", "--output", "table").lines().toList();
      assertThat(vaults.get(0))
          .startsWith("ID")
          .contains("NAME", "ISSUER_ID", "CLIENT_ID", "STATE");
      assertThat(vaults).hasSize(2);
      assertThat(vaults.get(1)).startsWith(vault).contains(" ACTIVE");

      List<String> one =
          bed.text("ekm", "key", "get", "--vault-id", vault, key, "--output", "table")
              .lines()
              .toList();
      assertThat(one.get(0)).contains("CURRENT_VERSION_ID");
      assertThat(one.get(1)).startsWith(key);
      assertThat(one.get(0).indexOf("STATE")).isEqualTo(one.get(1).indexOf("ACTIVE"));
    }
  }

  @Test
  void vaultAndKeyList_limitAndPage_walkEveryItemOnce() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "paging-cli-test")) {
      String vault = bed.vault();
      List<String> made = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        made.add(
            bed.ekms("ekm", "key", "create", "--vault-id", vault, "--name", "k" + i)
                .path("id")
                .asText());
      }
      JsonNode first = bed.ekms("ekm", "key", "list", "--vault-id", vault, "--limit", "2");
      assertThat(first.path("items")).hasSize(2);
      JsonNode second =
          bed.ekms(
              "ekm",
              "key",
              "list",
              "--vault-id",
              vault,
              "--limit",
              "2",
              "--page",
              first.path("nextPage").asText());
      assertThat(second.path("items")).hasSize(1);
      assertThat(second.has("nextPage")).isFalse();
      List<String> walked = new java.util.ArrayList<>(first.path("items").findValuesAsText("id"));
      walked.addAll(second.path("items").findValuesAsText("id"));
      assertThat(walked).containsExactlyElementsOf(made);

      JsonNode vaults = bed.ekms("ekm", "vault", "list", "--limit", "1");
      assertThat(vaults.path("items")).hasSize(1);
      assertThat(vaults.has("nextPage")).isFalse();
      assertThat(bed.refused("ekm", "vault", "list", "--page", "bm90LWEtdG9rZW4"))
          .contains("EKM answered 400 InvalidRequest")
          .contains("'page'");
    }
  }

  @Test
  void issuerUpdate_newJwksUri_shownByListAndNoSourceRefused() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "issuer-update-cli-test")) {
      String vault = bed.vault();
      String issuer = bed.ekms("ekm", "vault", "get", vault).path("issuerId").asText();

      JsonNode updated =
          bed.ekms("ekm", "issuer", "update", issuer, "--jwks-uri", "https://idp.test/keys-2");

      assertThat(updated.path("jwksUri").asText()).isEqualTo("https://idp.test/keys-2");
      assertThat(updated.path("issuer").asText()).isEqualTo("https://idp.test");
      assertThat(bed.ekms("ekm", "issuer", "list").path("items").findValuesAsText("jwksUri"))
          .containsExactly("https://idp.test/keys-2");
      assertThat(bed.refused("ekm", "issuer", "update", issuer))
          .contains("EKM answered 400 InvalidRequest");
    }
  }

  @Test
  void keyDo_deleteWithPendingDaysThenCancel_pendingThenDisabled() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "key-delete-cli-test")) {
      String vault = bed.vault();
      String key = key(bed, vault);

      JsonNode pending =
          bed.ekms("ekm", "key", "do", "--vault-id", vault, "delete", "--pending-days", "10", key);
      JsonNode cancelled =
          bed.ekms("ekm", "key", "do", "--vault-id", vault, "cancel-deletion", key);

      assertThat(pending.path("state").asText()).isEqualTo("PENDING_DELETION");
      assertThat(pending.path("deletionTime").asText()).isNotEmpty();
      assertThat(cancelled.path("state").asText()).isEqualTo("DISABLED");
      assertThat(
              bed.fails(
                  "ekm", "key", "do", "--vault-id", vault, "delete", "--pending-days", "3", key))
          .isEqualTo(ErrorHandler.REMOTE);
    }
  }
}
