package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.it.TenantWorld;
import io.ekms.sdk.ApiKey;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.KmsException;
import io.ekms.stack.LoopbackStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KMS verbs beyond create and list: {@code private-endpoint get|update|delete}, {@code key
 * update}, {@code vault update}, {@code key-version get|schedule-deletion|cancel-deletion}, {@code
 * user get|list-keys|list-grants|remove-key} and {@code audit read|verify}, each proved through the
 * KMS API (a later read, or what a user's key may still do) or its audit log, on the shared
 * LoopbackStack.
 */
class KmsMoreCommandsTest {
  @TempDir static Path dir;
  static TenantWorld world;
  static LoopbackStack stack;
  static Path quickstart;

  @BeforeAll
  static void start() throws Exception {
    world = new TenantWorld();
    stack = world.stack;
    quickstart = CliRun.quickstart(world, dir);
  }

  @Test
  void privateEndpointVerbs_getUpdateDelete_renameThenDeleteLeavesGet404Exit3() {
    assertThat(CliRun.with(quickstart, "kms", "private-endpoint", "get").json().path("id").asText())
        .isEqualTo(world.endpoint.id());
    String id =
        CliRun.with(
                quickstart,
                "kms",
                "private-endpoint",
                "create",
                "--display-name",
                "spare-ekm",
                "--external-key-manager-ip",
                "127.0.0.1",
                "--port",
                String.valueOf(stack.ekm().apiPort()),
                "--ca-bundle-file",
                stack.caFile().toString())
            .json()
            .path("id")
            .asText();

    JsonNode renamed =
        CliRun.with(
                quickstart,
                "kms",
                "private-endpoint",
                "update",
                "--private-endpoint-id",
                id,
                "--display-name",
                "renamed-ekm")
            .json();
    assertThat(renamed.path("displayName").asText()).isEqualTo("renamed-ekm");
    JsonNode read =
        CliRun.with(quickstart, "kms", "private-endpoint", "get", "--private-endpoint-id", id)
            .json();
    assertThat(read.path("displayName").asText()).isEqualTo("renamed-ekm");
    assertThat(read.path("port").asInt()).isEqualTo(stack.ekm().apiPort());

    JsonNode deleted =
        CliRun.with(quickstart, "kms", "private-endpoint", "delete", "--private-endpoint-id", id)
            .json();
    assertThat(deleted.path("id").asText()).isEqualTo(id);
    assertThat(deleted.path("lifecycleState").asText()).isEqualTo("DELETED");
    CliRun gone =
        CliRun.with(quickstart, "kms", "private-endpoint", "get", "--private-endpoint-id", id);
    assertThat(gone.code()).isEqualTo(ErrorHandler.REMOTE);
    assertThat(gone.err()).contains("404 NotAuthorizedOrNotFound");
  }

  @Test
  void privateEndpointDelete_usedByAVault_exits3AndTheEndpointStays() {
    CliRun refused =
        CliRun.with(
            quickstart,
            "kms",
            "private-endpoint",
            "delete",
            "--private-endpoint-id",
            world.endpoint.id());
    assertThat(refused.code()).isEqualTo(ErrorHandler.REMOTE);
    assertThat(refused.err()).contains("409 IncorrectState");
    assertThat(CliRun.with(quickstart, "kms", "private-endpoint", "get").json().path("id").asText())
        .isEqualTo(world.endpoint.id());
  }

  @Test
  void keyUpdate_newDisplayName_getShowsIt() {
    String keyId = world.newKey("before-rename", world.tenant.ekmKeyId()).id();
    JsonNode updated =
        CliRun.with(
                quickstart,
                "kms",
                "key",
                "update",
                "--key-id",
                keyId,
                "--display-name",
                "after-rename")
            .json();
    assertThat(updated.path("displayName").asText()).isEqualTo("after-rename");
    assertThat(
            CliRun.with(quickstart, "kms", "key", "get", "--key-id", keyId)
                .json()
                .path("displayName")
                .asText())
        .isEqualTo("after-rename");
  }

  @Test
  void vaultUpdate_newDisplayName_getShowsIt() {
    CliRun run =
        CliRun.with(
            quickstart,
            "kms",
            "vault",
            "update",
            "--vault-id",
            world.vault.id(),
            "--display-name",
            "renamed-vault",
            "--output",
            "table");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains(world.vault.id()).contains("renamed-vault");
    assertThat(CliRun.with(quickstart, "kms", "vault", "get").json().path("displayName").asText())
        .isEqualTo("renamed-vault");
  }

  @Test
  void keyVersionDeletion_scheduleThenCancel_movesToPendingDeletionAndBack() throws Exception {
    String ekmKey = world.newEkmKey("cli-version-deletion");
    String keyId = world.newKey("cli-version-deletion", ekmKey).id();
    String first =
        CliRun.with(quickstart, "kms", "key", "get", "--key-id", keyId)
            .json()
            .path("currentKeyVersion")
            .asText();
    world.ekmKeyAction(ekmKey, "rotate");
    String second =
        CliRun.with(quickstart, "kms", "key-version", "create", "--key-id", keyId)
            .json()
            .path("id")
            .asText();
    Instant when = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);

    JsonNode pending =
        CliRun.with(
                quickstart,
                "kms",
                "key-version",
                "schedule-deletion",
                "--key-id",
                keyId,
                "--key-version-id",
                first,
                "--time-of-deletion",
                when.toString())
            .json();
    assertThat(pending.path("lifecycleState").asText()).isEqualTo("PENDING_DELETION");
    assertThat(Instant.parse(pending.path("timeOfDeletion").asText())).isEqualTo(when);
    assertThat(versionState(keyId, first)).isEqualTo("PENDING_DELETION");

    assertThat(
            CliRun.with(
                    quickstart,
                    "kms",
                    "key-version",
                    "cancel-deletion",
                    "--key-id",
                    keyId,
                    "--key-version-id",
                    first)
                .json()
                .path("lifecycleState")
                .asText())
        .isEqualTo("ENABLED");
    assertThat(versionState(keyId, first)).isEqualTo("ENABLED");
    CliRun current =
        CliRun.with(
            quickstart,
            "kms",
            "key-version",
            "schedule-deletion",
            "--key-id",
            keyId,
            "--key-version-id",
            second);
    assertThat(current.code()).isEqualTo(ErrorHandler.REMOTE);
    assertThat(current.err()).contains("409 IncorrectState");
    assertThat(versionState(keyId, second)).isEqualTo("ENABLED");
  }

  private static String versionState(String keyId, String versionId) {
    return CliRun.with(
            quickstart,
            "kms",
            "key-version",
            "get",
            "--key-id",
            keyId,
            "--key-version-id",
            versionId)
        .json()
        .path("lifecycleState")
        .asText();
  }

  @Test
  void userVerbs_getListKeysListGrantsRemoveKey_removedKeyNoLongerSigns() throws Exception {
    ApiKey apiKey = world.newUser("cli-more-user", "use");
    String user = apiKey.userId();
    KmsClient client = world.client(apiKey);
    byte[] message = "remove-key".getBytes(StandardCharsets.UTF_8);
    assertThat(client.crypto(world.vault.id()).encrypt(world.key.id(), message, Map.of()))
        .isNotNull();

    JsonNode shown = admin("kms", "user", "get", "--user-id", user).json();
    assertThat(shown.path("id").asText()).isEqualTo(user);
    assertThat(shown.path("name").asText()).isEqualTo("cli-more-user");
    assertThat(
            admin("kms", "user", "list-keys", "--user-id", user)
                .json()
                .path("items")
                .findValuesAsText("fingerprint"))
        .containsExactly(apiKey.fingerprint());
    JsonNode grants = admin("kms", "user", "list-grants", "--user-id", user).json().path("items");
    assertThat(grants.findValuesAsText("compartmentId")).containsExactly(TenantWorld.COMPARTMENT);
    assertThat(grants.findValuesAsText("permission")).containsExactly("USE");

    admin("kms", "user", "remove-key", "--user-id", user, "--fingerprint", apiKey.fingerprint())
        .json();
    assertThat(admin("kms", "user", "list-keys", "--user-id", user).json().path("items").isEmpty())
        .isTrue();
    KmsException refused =
        catchThrowableOfType(
            KmsException.class,
            () -> client.crypto(world.vault.id()).encrypt(world.key.id(), message, Map.of()));
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.code()).isEqualTo("NotAuthenticated");
  }

  @Test
  void auditRead_requestIdOfARefusedCall_findsItsRecordAndVerifyExits0() throws Exception {
    CliRun refused =
        CliRun.with(
            quickstart,
            "kms",
            "vault",
            "get",
            "--vault-id",
            "ocid1.vault.oc1..ffffffffffffffffffffffffffffffff");
    assertThat(refused.code()).isEqualTo(ErrorHandler.REMOTE);
    Matcher id = Pattern.compile("opc-request-id ([0-9a-f]+)").matcher(refused.err());
    assertThat(id.find()).as(refused.err()).isTrue();
    String requestId = id.group(1);

    JsonNode items = admin("kms", "audit", "read", "--request-id", requestId).json().path("items");
    assertThat(items).isNotEmpty();
    assertThat(items.findValuesAsText("requestId")).containsOnly(requestId);
    assertThat(items.findValuesAsText("operation")).contains("GetVault");

    CliRun verified = admin("kms", "audit", "verify");
    assertThat(verified.code()).as(verified.out()).isZero();
    assertThat(verified.json().path("ok").asBoolean()).isTrue();
  }

  /** Runs a KMS admin verb against the stack's KMS admin API. */
  private static CliRun admin(String... args) {
    return CliRun.kmsAdmin(stack, args);
  }
}
