package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.secret.SecretFiles;
import io.ekms.core.tls.LocalCa;
import io.ekms.it.TenantWorld;
import io.ekms.stack.LoopbackStack;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ekms kms vault|key|key-version|private-endpoint ...} against the real identity, EKM and
 * KMS on loopback (the shared LoopbackStack of ekms-it's TenantWorld), through {@link
 * Main#commandLine()}.
 */
class KmsCommandsTest {
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
  void privateEndpointCreate_failoverAddresses_listsEveryNodeInOrder() {
    JsonNode endpoint =
        CliRun.with(
                quickstart,
                "kms",
                "private-endpoint",
                "create",
                "--display-name",
                "ekm-cluster",
                "--external-key-manager-ip",
                "127.0.0.1",
                "--port",
                String.valueOf(stack.ekm().apiPort()),
                "--failover-address",
                "127.0.0.1:1",
                "--failover-address",
                "[::1]:2",
                "--ca-bundle-file",
                stack.caFile().toString())
            .json();

    assertThat(endpoint.path("externalKeyManagerAddresses"))
        .extracting(JsonNode::asText)
        .containsExactly("127.0.0.1:" + stack.ekm().apiPort(), "127.0.0.1:1", "[::1]:2");
    assertThat(endpoint.path("externalKeyManagerIp").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void vaultLifecycle_createListGetDeleteCancel_movesThroughPendingDeletion() throws Exception {
    JsonNode endpoint =
        CliRun.with(
                quickstart,
                "kms",
                "private-endpoint",
                "create",
                "--display-name",
                "ekm",
                "--external-key-manager-ip",
                "127.0.0.1",
                "--port",
                String.valueOf(stack.ekm().apiPort()),
                "--ca-bundle-file",
                stack.caFile().toString())
            .json();
    assertThat(CliRun.with(quickstart, "kms", "private-endpoint", "list").out())
        .contains(endpoint.path("id").asText());
    Path secret =
        SecretFiles.write(dir.resolve("client.secret"), world.tenant.oauthClient().secret() + "\n");
    JsonNode vault =
        CliRun.with(
                quickstart,
                "kms",
                "vault",
                "create",
                "--display-name",
                "cli-vault",
                "--external-vault-endpoint-url",
                stack.ekmUrl() + "/oci/ekm/v1/vaults/" + world.tenant.ekmVaultId(),
                "--private-endpoint-id",
                endpoint.path("id").asText(),
                "--idcs-account-name-url",
                stack.identity().issuer(),
                "--client-app-id",
                world.tenant.oauthClient().id(),
                "--client-app-secret-file",
                secret.toString())
            .json();
    String vaultId = vault.path("id").asText();
    assertThat(vault.path("lifecycleState").asText()).isEqualTo("ACTIVE");
    assertThat(vault.toString()).doesNotContain(world.tenant.oauthClient().secret());
    assertThat(CliRun.with(quickstart, "kms", "vault", "list").json().findValuesAsText("id"))
        .contains(vaultId);
    assertThat(
            CliRun.with(quickstart, "kms", "vault", "get", "--vault-id", vaultId)
                .json()
                .path("displayName")
                .asText())
        .isEqualTo("cli-vault");
    JsonNode pending =
        CliRun.with(quickstart, "kms", "vault", "delete", "--vault-id", vaultId).json();
    assertThat(pending.path("lifecycleState").asText()).isEqualTo("PENDING_DELETION");
    assertThat(pending.path("timeOfDeletion").asText()).isNotEmpty();
    assertThat(
            CliRun.with(quickstart, "kms", "vault", "cancel-deletion", "--vault-id", vaultId)
                .json()
                .path("lifecycleState")
                .asText())
        .isEqualTo("ACTIVE");
  }

  @Test
  void keyLifecycle_createDisableEnableScheduleCancel_reportsEachState() throws Exception {
    String ekmKey = world.newEkmKey("cli-lifecycle");
    String keyId =
        CliRun.with(
                quickstart,
                "kms",
                "key",
                "create",
                "--display-name",
                "cli-lifecycle",
                "--external-key-id",
                ekmKey)
            .json()
            .path("id")
            .asText();
    assertThat(CliRun.with(quickstart, "kms", "key", "list").json().findValuesAsText("id"))
        .contains(keyId);
    assertThat(state("get", keyId)).isEqualTo("ENABLED");
    assertThat(state("disable", keyId)).isEqualTo("DISABLED");
    CliRun refused =
        CliRun.with(quickstart, "crypto", "encrypt", "--key-id", keyId, "--plaintext", "aGk=");
    assertThat(refused.code()).isEqualTo(ErrorHandler.REMOTE);
    assertThat(refused.err()).startsWith("ekms: the KMS refused the request (409 ");
    assertThat(state("enable", keyId)).isEqualTo("ENABLED");
    assertThat(state("schedule-deletion", keyId)).isEqualTo("PENDING_DELETION");
    assertThat(state("cancel-deletion", keyId)).isEqualTo("ENABLED");
  }

  private static String state(String verb, String keyId) {
    return CliRun.with(quickstart, "kms", "key", verb, "--key-id", keyId)
        .json()
        .path("lifecycleState")
        .asText();
  }

  @Test
  void keyVersions_afterRotationInTheEkm_createMakesASecondCurrentVersion() throws Exception {
    String ekmKey = world.newEkmKey("cli-rotating");
    String keyId = world.newKey("cli-rotating", ekmKey).id();
    world.ekmKeyAction(ekmKey, "rotate");
    JsonNode created =
        CliRun.with(quickstart, "kms", "key-version", "create", "--key-id", keyId).json();
    JsonNode versions =
        CliRun.with(quickstart, "kms", "key-version", "list", "--key-id", keyId).json();
    assertThat(versions).hasSize(2);
    assertThat(
            CliRun.with(quickstart, "kms", "key", "get", "--key-id", keyId)
                .json()
                .path("currentKeyVersion")
                .asText())
        .isEqualTo(created.path("id").asText());
  }

  @Test
  void output_table_printsAlignedColumnsOfTheQuickstartKey() {
    CliRun run = CliRun.with(quickstart, "kms", "key", "get", "--output", "table");
    assertThat(run.code()).as(run.err()).isZero();
    String[] lines = run.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("ID").contains("NAME").contains("STATE");
    assertThat(lines[1])
        .startsWith(world.key.id())
        .contains(world.key.displayName())
        .contains("ENABLED");
    assertThat(lines[1].indexOf(world.key.displayName())).isEqualTo(lines[0].indexOf("NAME"));
  }

  @Test
  void anyVerb_missingConfigFile_exits2WithOneSentenceNamingTheFix() {
    Path missing = dir.resolve("no-such-config");
    CliRun run =
        CliRun.of(
            "kms",
            "vault",
            "list",
            "--endpoint",
            stack.kms().baseUrl(),
            "--config-file",
            missing.toString(),
            "--compartment-id",
            TenantWorld.COMPARTMENT);
    assertThat(run.code()).isEqualTo(ErrorHandler.CONFIG);
    assertThat(run.err())
        .isEqualTo(
            "ekms: cannot read the OCI config file "
                + missing
                + ": no such file; pass --config-file or run ekms quickstart\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anyVerb_noEndpointAnywhere_exits2NamingTheOptions() {
    CliRun run = CliRun.of("kms", "vault", "get", "--vault-id", world.vault.id());
    assertThat(run.code()).isEqualTo(ErrorHandler.CONFIG);
    assertThat(run.err()).contains("pass --endpoint, set EKMS_KMS_ENDPOINT or pass --quickstart");
  }

  @Test
  void anyVerb_unreachableKms_exits4() {
    CliRun run =
        CliRun.with(quickstart, "kms", "vault", "get", "--endpoint", "https://127.0.0.1:1");
    assertThat(run.code()).isEqualTo(ErrorHandler.UNAVAILABLE);
    assertThat(run.err()).startsWith("ekms: cannot connect to the KMS;");
  }

  @Test
  void anyVerb_untrustedTls_exits4NamingCaFile() throws Exception {
    // A CA that did not issue the KMS's certificate (the stack's one CA issued all three).
    Path otherCa = dir.resolve("other-ca");
    LocalCa.create("another CA").writeTo(otherCa, true);
    CliRun run =
        CliRun.with(
            quickstart, "kms", "vault", "get", "--ca-file", otherCa.resolve("ca.pem").toString());
    assertThat(run.code()).isEqualTo(ErrorHandler.UNAVAILABLE);
    assertThat(run.err()).contains("pass --ca-file");
  }

  @Test
  void vaultGet_unknownId_exits3WithTheKmsCode() {
    CliRun run =
        CliRun.with(quickstart, "kms", "vault", "get", "--vault-id", "ocid1.vault.oc1..nope");
    assertThat(run.code()).isEqualTo(ErrorHandler.REMOTE);
    assertThat(run.err()).contains("404 NotAuthorizedOrNotFound").contains("opc-request-id");
    assertThat(run.err().strip().lines()).hasSize(1);
  }
}
