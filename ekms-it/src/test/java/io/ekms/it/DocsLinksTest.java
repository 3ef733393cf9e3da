package io.ekms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation stands alone: nothing in README.md, docs/ (or any other Markdown file of the
 * repository) or the sources' comments points outside the repository root, because a clone has
 * nothing beside it. {@code http(s)} links are allowed: they name public standards (RFCs, the
 * upstream API references), not files the product needs. See {@link DocsLinks} for the rules.
 */
class DocsLinksTest {
  /** The checker and these tests name missing and outside files on purpose. */
  private static final List<String> OWN = List.of("DocsLinks.java", "DocsLinksTest.java");

  private static final String[] SOURCE_SUFFIXES = {
    ".java", ".properties", ".py", ".xml", ".yaml", ".yml", ".sql", ".txt"
  };

  /** The repository root: the parent of this module's directory (where Maven runs the tests). */
  private static Path root() throws IOException {
    Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path root = module.toAbsolutePath().normalize().getParent();
    assertThat(Files.readString(root.resolve("pom.xml")))
        .as("the parent of %s is the repository root", module)
        .contains("<module>ekms-it</module>");
    return root;
  }

  @Test
  void markdownFiles_everyLinkAndMention_staysInsideTheRepository() throws IOException {
    Path root = root();
    List<Path> docs = markdownFiles(root);
    assertThat(docs).contains(root.resolve("README.md"));

    List<String> problems = new ArrayList<>();
    DocsLinks links = new DocsLinks(root);
    docs.forEach(f -> problems.addAll(links.checkMarkdown(f)));

    assertThat(problems).isEmpty();
  }

  @Test
  void sources_mentionedMarkdownFiles_areFilesOfTheRepository() throws IOException {
    Path root = root();
    List<String> problems = new ArrayList<>();
    DocsLinks links = new DocsLinks(root);
    for (Path module : modules(root)) {
      DocsLinks.files(module.resolve("src"), SOURCE_SUFFIXES).stream()
          .filter(f -> !OWN.contains(f.getFileName().toString()))
          .forEach(f -> problems.addAll(links.checkSource(f)));
    }

    assertThat(problems).isEmpty();
  }

  @Test
  void mainSources_sharedFolderBesideTheRepository_neverMentioned() throws IOException {
    Path root = root();
    List<String> mentions = new ArrayList<>();
    for (Path module : modules(root)) {
      for (Path f : DocsLinks.files(module.resolve("src/main"), SOURCE_SUFFIXES)) {
        if (Files.readString(f).contains("../shared")) {
          mentions.add(root.relativize(f).toString());
        }
      }
    }

    assertThat(mentions).isEmpty();
  }

  @Test
  void checkMarkdown_linksOutOfTheRepository_reportsEach(@TempDir Path dir) throws IOException {
    Path root = Files.createDirectories(dir.resolve("repo"));
    Files.createDirectories(dir.resolve("shared"));
    Files.writeString(dir.resolve("shared/DESIGN.md"), "# Design\n");
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/a.md"), "# A\n## Two words\n");
    Path readme = root.resolve("README.md");
    Files.writeString(
        readme,
        String.join(
            "\n",
            "See [the design](../shared/DESIGN.md) and `../shared/DESIGN.md`.",
            "Fine: [a.md](docs/a.md#two-words), [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110).",
            "Broken: [gone](docs/b.md), [anchor](docs/a.md#three), [abs](/etc/passwd).",
            "Other scheme: [f](file:///etc/passwd); bare name: `a.md`.",
            "```",
            "[inside a fence](../not-a-link)",
            "```"));

    List<String> problems = new DocsLinks(root).checkMarkdown(readme);

    assertThat(problems)
        .containsExactly(
            "README.md:1: link ../shared/DESIGN.md leaves the repository",
            "README.md:1: names ../shared/DESIGN.md, which is no file inside the repository",
            "README.md:3: link docs/b.md names no file of the repository",
            "README.md:3: link docs/a.md#three names no heading of its file",
            "README.md:3: link /etc/passwd is an absolute path",
            "README.md:4: link file:///etc/passwd uses a scheme other than http(s)",
            "README.md:4: names a.md, which is no file inside the repository");
  }

  @Test
  void checkSource_bareOrOutsideName_reported(@TempDir Path dir) throws IOException {
    Path root = Files.createDirectories(dir.resolve("repo"));
    Files.createDirectories(root.resolve("docs/protocols"));
    Files.writeString(root.resolve("docs/protocols/kms-api.md"), "# KMS API\n");
    Path source = root.resolve("Errors.java");
    Files.writeString(
        source,
        String.join(
            "\n",
            "/** Codes of docs/protocols/kms-api.md, Errors. */",
            "/** Codes of kms-api.md, Errors. */",
            "/** See ../shared/protocols/kms-api.md. */"));

    List<String> problems = new DocsLinks(root).checkSource(source);

    assertThat(problems)
        .containsExactly(
            "Errors.java:2: names kms-api.md, which is no file inside the repository",
            "Errors.java:3: names ../shared/protocols/kms-api.md, which is no file inside the"
                + " repository");
  }

  @Test
  void slug_headingWithPunctuationAndCode_githubAnchor() {
    assertThat(DocsLinks.slug("Egress: where the KMS connects for its callers"))
        .isEqualTo("egress-where-the-kms-connects-for-its-callers");
    assertThat(DocsLinks.slug("The `opc-request-id` header ([RFC](https://x))"))
        .isEqualTo("the-opc-request-id-header-rfc");
  }

  /** The Maven modules: directories of the root holding a pom.xml. */
  private static List<Path> modules(Path root) throws IOException {
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(p -> Files.isRegularFile(p.resolve("pom.xml"))).sorted().toList();
    }
  }

  /** Every Markdown file of the repository, outside build output and hidden folders. */
  private static List<Path> markdownFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".md"))
          .filter(Files::isRegularFile)
          .filter(p -> hidden(root.relativize(p)).isEmpty())
          .sorted()
          .toList();
    }
  }

  /** The parts of {@code relative} that are build output or hidden. */
  private static List<Path> hidden(Path relative) {
    List<Path> out = new ArrayList<>();
    relative.forEach(
        part -> {
          String name = part.toString();
          if (name.equals("target") || name.startsWith(".") || name.equals("node_modules")) {
            out.add(part);
          }
        });
    return out;
  }
}
