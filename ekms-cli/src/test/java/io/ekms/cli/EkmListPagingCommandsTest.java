package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paged admin lists of trusted issuers, XKS and Google key stores and policies against a real
 * EKM over HTTPS: {@code --limit} and {@code --page} walk every item once, oldest first, as the
 * unpaged list has them; a bad limit or a forged page token is a 400 naming the parameter.
 */
class EkmListPagingCommandsTest {
  @TempDir Path dir;

  /** The ids of each page of {@code list} read {@code limit} at a time, following nextPage. */
  private static List<List<String>> pages(EkmCliBed bed, int limit, String... list)
      throws Exception {
    List<List<String>> pages = new ArrayList<>();
    String next = null;
    for (int guard = 0; guard < 100; guard++) {
      List<String> args = new ArrayList<>(List.of(list));
      args.addAll(List.of("--limit", String.valueOf(limit)));
      if (next != null) {
        args.addAll(List.of("--page", next));
      }
      JsonNode answer = bed.ekms(args.toArray(String[]::new));
      pages.add(ids(answer));
      if (!answer.has("nextPage")) {
        return pages;
      }
      next = answer.path("nextPage").asText();
    }
    throw new AssertionError("nextPage never ended");
  }

  private static List<String> ids(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  /**
   * Two pages of {@code limit} cover {@code made}, each once, in the order of the unpaged list (its
   * first page of 1000).
   */
  private static void walksInTwoPages(EkmCliBed bed, int limit, List<String> made, String... list)
      throws Exception {
    List<List<String>> pages = pages(bed, limit, list);
    assertThat(pages).hasSize(2);
    assertThat(pages.getFirst()).hasSize(limit);
    assertThat(pages.stream().flatMap(List::stream).toList())
        .containsExactlyInAnyOrderElementsOf(made)
        .containsExactlyElementsOf(ids(bed.ekms(list)));
  }

  /** Limits 0, 1001 and "x" and forged page tokens are refused with 400 InvalidRequest. */
  private static void refusesBadPages(EkmCliBed bed, String path, String... list) {
    String and = path.contains("?") ? "&" : "?";
    for (String limit : List.of("0", "1001")) {
      String[] args =
          Stream.concat(Stream.of(list), Stream.of("--limit", limit)).toArray(String[]::new);
      assertThat(bed.refused(args)).contains("EKM answered 400 InvalidRequest").contains("'limit'");
    }
    assertThat(bed.refusedRaw(path + and + "limit=x"))
        .contains("answered 400 InvalidRequest")
        .contains("'limit'");
    String injected =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("1:pol-' OR '1'='1".getBytes(StandardCharsets.US_ASCII));
    for (String forged : List.of("bm90LWEtdG9rZW4", injected, "%%%")) {
      String[] args =
          Stream.concat(Stream.of(list), Stream.of("--page", forged)).toArray(String[]::new);
      assertThat(bed.refused(args)).contains("EKM answered 400 InvalidRequest").contains("'page'");
    }
  }

  @Test
  void issuerList_limitTwoAndPage_everyIssuerOnceAndBadPagesRefused() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "issuer-paging-cli-test")) {
      List<String> made = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String issuer = "https://idp" + i + ".test";
        made.add(
            bed.ekms("ekm", "issuer", "add", "--issuer", issuer, "--jwks-uri", issuer + "/jwks")
                .path("id")
                .asText());
      }
      walksInTwoPages(bed, 2, made, "ekm", "issuer", "list");
      refusesBadPages(bed, "/admin/v1/issuers", "ekm", "issuer", "list");
    }
  }

  @Test
  void xksList_limitOneAndPage_everyStoreOnceAndBadPagesRefused() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "xks-paging-cli-test")) {
      List<String> made = new ArrayList<>();
      for (String name : List.of("zeta", "alpha")) {
        made.add(
            bed.ekms("ekm", "xks", "create", "--name", name, "--uri-prefix", "xks/" + name)
                .path("id")
                .asText());
      }
      walksInTwoPages(bed, 1, made, "ekm", "xks", "list");
      refusesBadPages(bed, "/admin/v1/xks/keystores", "ekm", "xks", "list");
    }
  }

  @Test
  void gcpList_limitOneAndPage_everyStoreOnceAndBadPagesRefused() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "gcp-paging-cli-test")) {
      List<String> made = new ArrayList<>();
      for (String name : List.of("zeta", "alpha")) {
        made.add(
            bed.ekms(
                    "ekm",
                    "gcp",
                    "create",
                    "--name",
                    name,
                    "--uri-prefix",
                    "gcp/" + name,
                    "--audience",
                    "https://ekm.example.test")
                .path("id")
                .asText());
      }
      walksInTwoPages(bed, 1, made, "ekm", "gcp", "list");
      refusesBadPages(bed, "/admin/v1/gcp/keystores", "ekm", "gcp", "list");
    }
  }

  @Test
  void policyList_limitAndPageWithAndWithoutScope_everyPolicyOnceAndBadPagesRefused()
      throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "policy-paging-cli-test")) {
      String vault = bed.vault();
      String key =
          bed.ekms("ekm", "key", "create", "--vault-id", vault, "--name", "k").path("id").asText();
      List<String> onVault = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        onVault.add(policy(bed, "p" + i, "vault", vault));
      }
      List<String> every = new ArrayList<>(onVault);
      every.add(policy(bed, "p", "key", key));

      walksInTwoPages(
          bed, 2, onVault, "ekm", "policy", "list", "--scope", "vault", "--scope-id", vault);
      walksInTwoPages(bed, 3, every, "ekm", "policy", "list");
      refusesBadPages(bed, "/admin/v1/policies", "ekm", "policy", "list");
      refusesBadPages(
          bed,
          "/admin/v1/policies?scope=vault&scopeId=" + vault,
          "ekm",
          "policy",
          "list",
          "--scope",
          "vault",
          "--scope-id",
          vault);
    }
  }

  private static String policy(EkmCliBed bed, String name, String scope, String scopeId)
      throws Exception {
    return bed.ekms(
            "ekm",
            "policy",
            "create",
            "--name",
            name,
            "--scope",
            scope,
            "--scope-id",
            scopeId,
            "--effect",
            "ALLOW",
            "--expression",
            "true")
        .path("id")
        .asText();
  }
}
