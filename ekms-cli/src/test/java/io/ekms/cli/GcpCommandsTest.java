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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ekms ekm gcp ...} against a real EKM over HTTPS. */
class GcpCommandsTest {
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

  @Test
  void gcpVerbs_createAllowExposeDenyList_thenRemoveAndUnexpose() throws Exception {
    EkmConfig config =
        EkmConfig.builder(dir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .tokens(new EkmConfig.Tokens("gcp-cli-test", 60))
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
      String key =
          ekms(server, "ekm", "key", "create", "--vault-id", vault, "--name", "k")
              .path("id")
              .asText();
      JsonNode store =
          ekms(
              server,
              "ekm",
              "gcp",
              "create",
              "--name",
              "google",
              "--uri-prefix",
              "gcp/cli",
              "--audience",
              "https://ekm.example.test");
      assertThat(store.path("issuer").asText()).isEqualTo("https://accounts.google.com");
      String id = store.path("id").asText();
      String sa = "service-42@gcp-sa-ekms.iam.gserviceaccount.com";
      ekms(server, "ekm", "gcp", "add-service-account", id, sa);
      ekms(server, "ekm", "gcp", "expose", id, "orders", "--vault-id", vault, "--key-id", key);
      ekms(server, "ekm", "gcp", "deny-reasons", id, "THIRD_PARTY_DATA_REQUEST", "MISSING");
      JsonNode listed = ekms(server, "ekm", "gcp", "list");
      assertThat(listed.toString())
          .contains(sa)
          .contains("orders")
          .contains("THIRD_PARTY_DATA_REQUEST")
          .contains("MISSING");
      ekms(server, "ekm", "gcp", "remove-service-account", id, sa);
      ekms(server, "ekm", "gcp", "unexpose", id, "orders");
      ekms(server, "ekm", "gcp", "deny-reasons", id);
      JsonNode after = ekms(server, "ekm", "gcp", "list");
      assertThat(after.toString())
          .doesNotContain(sa)
          .doesNotContain("orders")
          .doesNotContain("MISSING");
    }
  }
}
