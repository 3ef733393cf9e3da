package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ekms ekm issuer remove} and {@code ekms ekm xks delete} against a real EKM over HTTPS. */
class EkmRemovalCommandsTest {
  @TempDir Path dir;

  @Test
  void issuerRemove_unusedThenTrustedThenUnknown_removesOnlyTheUnused() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "issuer-remove-cli-test")) {
      String vault = bed.vault();
      String trusted = bed.ekms("ekm", "vault", "get", vault).path("issuerId").asText();
      String spare =
          bed.ekms(
                  "ekm",
                  "issuer",
                  "add",
                  "--issuer",
                  "https://spare.test",
                  "--jwks-uri",
                  "https://spare.test/jwks")
              .path("id")
              .asText();

      bed.ekms("ekm", "issuer", "remove", spare);

      assertThat(bed.ekms("ekm", "issuer", "list").path("items").findValuesAsText("id"))
          .containsExactly(trusted);
      assertThat(bed.refused("ekm", "issuer", "remove", trusted))
          .contains("EKM answered 409 Conflict: 1 vault still trusts this issuer");
      assertThat(bed.refused("ekm", "issuer", "remove", spare))
          .contains("EKM answered 404 NotFound");
    }
  }

  @Test
  void xksDelete_storeWithCredential_goneFromListThenUnknown() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "xks-delete-cli-test")) {
      String store =
          bed.ekms("ekm", "xks", "create", "--name", "aws", "--uri-prefix", "aws/cli")
              .path("id")
              .asText();
      bed.ekms("ekm", "xks", "add-credential", store);

      bed.ekms("ekm", "xks", "delete", store);

      assertThat(bed.ekms("ekm", "xks", "list").path("items")).isEmpty();
      assertThat(bed.refused("ekm", "xks", "delete", store)).contains("EKM answered 404 NotFound");
    }
  }
}
