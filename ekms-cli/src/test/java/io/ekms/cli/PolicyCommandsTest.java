package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.core.http.Listener;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import io.ekms.ekm.server.EkmServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ekms ekm policy ...} against a real EKM over HTTPS. */
class PolicyCommandsTest {
  @TempDir Path dir;

  private JsonNode ekms(EkmServer server, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--admin-url",
            "https://127.0.0.1:" + server.adminPort(),
            "--data-dir",
            dir.toString()));
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = Main.commandLine().execute(all.toArray(String[]::new));
    } finally {
      System.setOut(original);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    return Json.mapper().readTree(text);
  }

  private int run(EkmServer server, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--admin-url",
            "https://127.0.0.1:" + server.adminPort(),
            "--data-dir",
            dir.toString()));
    PrintStream original = System.err;
    try {
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return Main.commandLine().execute(all.toArray(String[]::new));
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void policyVerbs_createListShowReplaceDelete_andABadConditionFailsTheCommand() throws Exception {
    EkmConfig config =
        EkmConfig.builder(dir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .tokens(new EkmConfig.Tokens("policy-cli-test", 60))
            .build();
    EkmInit.run(config, Map.of());
    try (EkmServer server = EkmServer.start(config, Map.of())) {
      String issuer =
          ekms(
                  server,
                  "ekm",
                  "issuer",
                  "add",
                  "--issuer",
                  "https://idp.test",
                  "--jwks-uri",
                  "https://idp.test/jwks")
              .path("id")
              .asText();
      String vault =
          ekms(
                  server,
                  "ekm",
                  "vault",
                  "create",
                  "--name",
                  "v",
                  "--issuer-id",
                  issuer,
                  "--client-id",
                  "c")
              .path("id")
              .asText();
      Path file = dir.resolve("condition.cel");
      Files.writeString(file, "operation == 'decrypt'\n  && caller == 'c'\n");
      JsonNode created =
          ekms(
              server,
              "ekm",
              "policy",
              "create",
              "--name",
              "decrypt-only",
              "--scope",
              "vault",
              "--scope-id",
              vault,
              "--effect",
              "ALLOW",
              "--expression-file",
              file.toString());
      String id = created.path("id").asText();
      assertThat(created.path("revision").asLong()).isEqualTo(1);
      assertThat(
              ekms(server, "ekm", "policy", "list", "--scope", "vault", "--scope-id", vault)
                  .path("items"))
          .hasSize(1);
      JsonNode replaced =
          ekms(server, "ekm", "policy", "replace", id, "--effect", "DENY", "--expression", "false");
      assertThat(replaced.path("revision").asLong()).isEqualTo(2);
      assertThat(ekms(server, "ekm", "policy", "show", id).path("expression").asText())
          .isEqualTo("false");
      assertThat(
              run(
                  server,
                  "ekm",
                  "policy",
                  "create",
                  "--name",
                  "typo",
                  "--scope",
                  "vault",
                  "--scope-id",
                  vault,
                  "--effect",
                  "ALLOW",
                  "--expression",
                  "callr == 'c'"))
          .isNotZero();
      ekms(server, "ekm", "policy", "delete", id);
      assertThat(ekms(server, "ekm", "policy", "list").path("items")).isEmpty();
    }
  }
}
