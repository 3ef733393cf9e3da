package io.ekms.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds references in the repository's text that lead out of it. The product must stand alone: a
 * clone has nothing beside the repository root, so every relative link and every file name a
 * document or a source comment gives must be a file inside the root.
 *
 * <p>What is checked:
 *
 * <ul>
 *   <li>Markdown links ({@code [text](target)}, {@code [id]: target}, {@code href="..."}) outside
 *       fenced code: a relative target must resolve, from the document's folder, to an existing
 *       file inside the root, and a {@code #fragment} must name a heading of that file. {@code
 *       http(s)} links are allowed (they go to public standards such as RFCs, which a clone does
 *       not need to hold); any other scheme and absolute paths are not.
 *   <li>Any other mention of a {@code *.md} file, in documents and in source files (code spans,
 *       prose, Javadoc): it must name a file inside the root, from the document's folder or from
 *       the root ({@code docs/protocols/kms-api.md}). A bare {@code kms-api.md} names nothing.
 * </ul>
 *
 * Every problem is one line, {@code file:line: what}, with the path relative to the root.
 */
final class DocsLinks {
  private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
  private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?");
  private static final Pattern INLINE_WHOLE = Pattern.compile("!?\\[[^\\]]*\\]\\([^)]*\\)");
  private static final Pattern DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*(\\S+)");
  private static final Pattern HREF = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
  private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://\\S+");
  private static final Pattern MD_NAME = Pattern.compile("[A-Za-z0-9_./-]*[A-Za-z0-9_-]\\.md\\b");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  private final Path root;
  private final Map<Path, Set<String>> anchors = new HashMap<>();

  DocsLinks(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Problems of one Markdown document: its links, then every {@code *.md} it names. */
  List<String> checkMarkdown(Path file) {
    List<String> problems = new ArrayList<>();
    List<String> lines = read(file);
    boolean fenced = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (FENCE.matcher(line).find()) {
        fenced = !fenced;
      }
      String where = where(file, i);
      if (!fenced) {
        for (Pattern p : List.of(INLINE, DEFINITION, HREF)) {
          Matcher m = p.matcher(line);
          while (m.find()) {
            link(file, m.group(1)).ifPresent(problem -> problems.add(where + problem));
          }
        }
      }
      // A link's text may name its file briefly: the target, checked above, is what counts.
      String prose = fenced ? line : INLINE_WHOLE.matcher(line).replaceAll(" ");
      mentions(file.getParent(), prose).forEach(problem -> problems.add(where + problem));
    }
    return problems;
  }

  /** Problems of one source file: every {@code *.md} it names must be a file of the repository. */
  List<String> checkSource(Path file) {
    List<String> problems = new ArrayList<>();
    List<String> lines = read(file);
    for (int i = 0; i < lines.size(); i++) {
      String where = where(file, i);
      mentions(root, lines.get(i)).forEach(problem -> problems.add(where + problem));
    }
    return problems;
  }

  private java.util.Optional<String> link(Path file, String target) {
    if (target.startsWith("http://") || target.startsWith("https://")) {
      return java.util.Optional.empty();
    }
    if (SCHEME.matcher(target).find()) {
      return java.util.Optional.of("link " + target + " uses a scheme other than http(s)");
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? null : target.substring(hash + 1);
    if (path.startsWith("/")) {
      return java.util.Optional.of("link " + target + " is an absolute path");
    }
    Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
    if (!resolved.startsWith(root)) {
      return java.util.Optional.of("link " + target + " leaves the repository");
    }
    if (!Files.exists(resolved)) {
      return java.util.Optional.of("link " + target + " names no file of the repository");
    }
    if (fragment != null && resolved.toString().endsWith(".md")) {
      if (!anchorsOf(resolved).contains(fragment)) {
        return java.util.Optional.of("link " + target + " names no heading of its file");
      }
    }
    return java.util.Optional.empty();
  }

  /** Every {@code *.md} named on {@code line} (URLs aside) that is no file inside the root. */
  private List<String> mentions(Path base, String line) {
    List<String> problems = new ArrayList<>();
    Matcher m = MD_NAME.matcher(URL.matcher(line).replaceAll(" "));
    while (m.find()) {
      String name = m.group();
      boolean found = false;
      for (Path from : List.of(base, root)) {
        Path resolved = from.resolve(name.startsWith("/") ? name.substring(1) : name).normalize();
        found |= resolved.startsWith(root) && Files.isRegularFile(resolved);
      }
      if (!found) {
        problems.add("names " + name + ", which is no file inside the repository");
      }
    }
    return problems;
  }

  /** The anchors GitHub makes of a document's headings. */
  private Set<String> anchorsOf(Path file) {
    return anchors.computeIfAbsent(
        file,
        f -> {
          Set<String> out = new HashSet<>();
          Map<String, Integer> seen = new HashMap<>();
          boolean fenced = false;
          for (String line : read(f)) {
            if (FENCE.matcher(line).find()) {
              fenced = !fenced;
            }
            Matcher m = HEADING.matcher(line);
            if (!fenced && m.matches()) {
              String slug = slug(m.group(1));
              int n = seen.merge(slug, 1, Integer::sum) - 1;
              out.add(n == 0 ? slug : slug + "-" + n);
            }
          }
          return out;
        });
  }

  static String slug(String heading) {
    String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  /** Every file under {@code dir} whose name ends with one of {@code suffixes}, outside target/. */
  static List<Path> files(Path dir, String... suffixes) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("/target/"))
          .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String where(Path file, int index) {
    return root.relativize(file.toAbsolutePath().normalize()) + ":" + (index + 1) + ": ";
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
