package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ekms ekm policy ...} against a real EKM over HTTPS. */
class PolicyCommandsTest {
  @TempDir Path dir;

  @Test
  void policyVerbs_createListShowReplaceDelete_andABadConditionFailsTheCommand() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "policy-cli-test")) {
      String vault = bed.vault();
      Path file = dir.resolve("condition.cel");
      Files.writeString(file, "operation == 'decrypt'\n  && caller == 'c'\n");
      JsonNode created =
          bed.ekms(
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
              bed.ekms("ekm", "policy", "list", "--scope", "vault", "--scope-id", vault)
                  .path("items"))
          .hasSize(1);
      JsonNode replaced =
          bed.ekms("ekm", "policy", "replace", id, "--effect", "DENY", "--expression", "false");
      assertThat(replaced.path("revision").asLong()).isEqualTo(2);
      assertThat(bed.ekms("ekm", "policy", "show", id).path("expression").asText())
          .isEqualTo("false");
      assertThat(
              bed.fails(
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
      bed.ekms("ekm", "policy", "delete", id);
      assertThat(bed.ekms("ekm", "policy", "list").path("items")).isEmpty();
    }
  }
}
