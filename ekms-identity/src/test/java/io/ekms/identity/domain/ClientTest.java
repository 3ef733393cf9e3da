package io.ekms.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClientTest {
  private static final String HASH = "ab".repeat(32);

  private static Client client(String name, List<String> audiences, List<String> scopes) {
    return new Client(Ids.newClient(), name, HASH, audiences, scopes, Instant.EPOCH);
  }

  @Test
  void new_valid_keepsDistinctValuesInOrder() {
    Client c = client(" kms ", List.of("https://b/", "https://a/", "https://b/"), List.of("s"));

    assertThat(c.name()).isEqualTo("kms");
    assertThat(c.audiences()).containsExactly("https://b/", "https://a/");
  }

  @Test
  void new_email_keptWhenShapedLikeOne_refusedOtherwise() {
    String id = Ids.newClient();
    List<String> a = List.of("a");
    List<String> s = List.of("s");
    assertThat(new Client(id, "x", HASH, a, s, Instant.EPOCH, "sa@p.iam").email())
        .isEqualTo("sa@p.iam");
    assertThat(new Client(id, "x", HASH, a, s, Instant.EPOCH).email()).isNull();
    for (String bad :
        List.of(
            "",
            "no-at",
            "two@@x",
            "a@b@c",
            "sp ace@x",
            "@x",
            "x@",
            "a@" + "b".repeat(253),
            "tab\t@x")) {
      assertThatThrownBy(() -> new Client(id, "x", HASH, a, s, Instant.EPOCH, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void new_invalidFields_refused() {
    List<Runnable> bad =
        List.of(
            () -> client("", List.of("a"), List.of("s")),
            () -> client("x\ny", List.of("a"), List.of("s")),
            () -> client("x", List.of(), List.of("s")),
            () -> client("x", List.of("with space"), List.of("s")),
            () -> client("x", List.of("a".repeat(501)), List.of("s")),
            () -> client("x", List.of("a"), List.of("no/slash")),
            () -> client("x", List.of("a"), IntStream.range(0, 17).mapToObj(i -> "s" + i).toList()),
            () -> new Client("cli-1", "x", HASH, List.of("a"), List.of("s"), Instant.EPOCH),
            () ->
                new Client(Ids.newClient(), "x", "AB", List.of("a"), List.of("s"), Instant.EPOCH));
    for (Runnable r : bad) {
      assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void toString_omitsTheSecretHash() {
    assertThat(client("x", List.of("a"), List.of("s")).toString()).doesNotContain(HASH);
  }

  @Test
  void ids_newClient_isWellFormedAndRandom() {
    String a = Ids.newClient();

    assertThat(a).matches("cli-[0-9a-f]{32}");
    assertThat(Ids.wellFormedClient(a)).isTrue();
    assertThat(Ids.newClient()).isNotEqualTo(a);
    assertThat(Ids.wellFormedClient("ekmscs_" + "0".repeat(64))).isFalse();
    assertThat(Ids.wellFormedKid(Ids.newKid())).isTrue();
  }
}
