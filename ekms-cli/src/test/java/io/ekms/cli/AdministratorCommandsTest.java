package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ekms ekm admin ...} and {@code ekms ekm request ...} against a real EKM over HTTPS:
 * enroll, list, whoami with the new token, rotate, remove; the role refusal exits 3.
 */
class AdministratorCommandsTest {
  @TempDir Path dir;

  @Test
  void admin_enrollListWhoamiRotateRemove_eachAnsweredByTheEkm() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "admin-cli-test")) {
      JsonNode carol = bed.ekms("ekm", "admin", "create", "--name", "carol", "--role", "auditor");
      Path carolToken =
          Files.writeString(
              Files.createFile(
                  dir.resolve("carol.token"),
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------"))),
              carol.path("token").asText());

      JsonNode list = bed.ekms("ekm", "admin", "list");
      JsonNode whoami = bed.ekms("ekm", "admin", "whoami", "--token-file", carolToken.toString());
      String refused =
          bed.refused(
              "ekm",
              "admin",
              "create",
              "--name",
              "eve",
              "--role",
              "auditor",
              "--token-file",
              carolToken.toString());
      JsonNode rotated = bed.ekms("ekm", "admin", "rotate-token", "carol");
      bed.text("ekm", "admin", "remove", "carol");

      assertThat(carol.path("token").asText()).startsWith("ekmsadm_");
      assertThat(list.path("items").findValuesAsText("name")).containsExactly("admin", "carol");
      assertThat(list.toString()).doesNotContain("token");
      assertThat(whoami.path("roles")).extracting(JsonNode::asText).containsExactly("auditor");
      assertThat(refused).contains("403 AdminRoleRequired");
      assertThat(rotated.path("token").asText()).isNotEqualTo(carol.path("token").asText());
      assertThat(bed.ekms("ekm", "admin", "list").path("items").findValuesAsText("name"))
          .containsExactly("admin");
      assertThat(bed.ekms("ekm", "request", "list").path("items")).isEmpty();
    }
  }
}
