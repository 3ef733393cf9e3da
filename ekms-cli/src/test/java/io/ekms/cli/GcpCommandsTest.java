package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ekms ekm gcp ...} against a real EKM over HTTPS. */
class GcpCommandsTest {
  @TempDir Path dir;

  @Test
  void gcpVerbs_createAllowExposeDenyList_thenRemoveAndUnexpose() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "gcp-cli-test")) {
      String vault = bed.vault();
      String key =
          bed.ekms("ekm", "key", "create", "--vault-id", vault, "--name", "k").path("id").asText();
      JsonNode store =
          bed.ekms(
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
      bed.ekms("ekm", "gcp", "add-service-account", id, sa);
      bed.ekms("ekm", "gcp", "expose", id, "orders", "--vault-id", vault, "--key-id", key);
      bed.ekms("ekm", "gcp", "deny-reasons", id, "THIRD_PARTY_DATA_REQUEST", "MISSING");
      JsonNode listed = bed.ekms("ekm", "gcp", "list");
      assertThat(listed.toString())
          .contains(sa)
          .contains("orders")
          .contains("THIRD_PARTY_DATA_REQUEST")
          .contains("MISSING");
      bed.ekms("ekm", "gcp", "remove-service-account", id, sa);
      bed.ekms("ekm", "gcp", "unexpose", id, "orders");
      bed.ekms("ekm", "gcp", "deny-reasons", id);
      JsonNode after = bed.ekms("ekm", "gcp", "list");
      assertThat(after.toString())
          .doesNotContain(sa)
          .doesNotContain("orders")
          .doesNotContain("MISSING");
    }
  }
}
