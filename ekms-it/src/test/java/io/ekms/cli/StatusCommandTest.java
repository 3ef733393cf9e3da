package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.core.http.BuildInfo;
import io.ekms.it.TenantWorld;
import io.ekms.stack.LoopbackStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ekms status} against the real identity server, EKM and KMS on loopback. */
class StatusCommandTest {
  @TempDir static Path dir;
  static LoopbackStack stack;
  static Path quickstart;

  @BeforeAll
  static void start() throws Exception {
    stack = new TenantWorld().stack;
    quickstart =
        Files.writeString(
            dir.resolve("quickstart.json"),
            Json.writeString(
                Map.of(
                    "caCertificate", stack.caFile().toString(),
                    "identity", Map.of("adminEndpoint", stack.identityAdminUrl()),
                    "ekm", Map.of("adminEndpoint", stack.ekmAdminUrl()),
                    "kms", Map.of("adminEndpoint", stack.kmsAdminUrl()))));
  }

  @Test
  void status_everyPartyUp_exits0WithEachVersionAndChecks() throws Exception {
    CliRun run = CliRun.of("status", "--quickstart", quickstart.toString());

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode rows = run.json();
    assertThat(rows.findValuesAsText("party")).containsExactly("identity", "ekm", "kms");
    assertThat(rows.findValuesAsText("status")).containsOnly("UP");
    assertThat(rows.findValuesAsText("version")).containsOnly(BuildInfo.version());
    assertThat(BuildInfo.version()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(rows.get(1).path("checks").path("keyBackend").asText()).isEqualTo("UP");
    assertThat(rows.get(2).path("url").asText()).isEqualTo(stack.kmsAdminUrl());
  }

  @Test
  void status_oneUnreachable_exits4AndSaysWhichInTheTable() {
    CliRun run =
        CliRun.of(
            "status",
            "--quickstart",
            quickstart.toString(),
            "--kms-admin",
            "https://127.0.0.1:1",
            "--output",
            "table");

    assertThat(run.code()).isEqualTo(ErrorHandler.UNAVAILABLE);
    assertThat(run.out().lines().toList())
        .hasSize(4)
        .anySatisfy(l -> assertThat(l).startsWith("kms").contains("UNREACHABLE"))
        .anySatisfy(l -> assertThat(l).startsWith("ekm").contains("UP"));
  }

  @Test
  void status_noCaAnywhere_exits2NamingTheOptions() {
    CliRun run = CliRun.of("status");
    assertThat(run.code()).isEqualTo(ErrorHandler.CONFIG);
    assertThat(run.err()).contains("pass --ca-file or --quickstart");
  }
}
