package io.ekms.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The KMS's packages depend on each other in layers, read from the sources' code lines (comments
 * aside): verification ({@code auth}), the store, the EKM port and the domain stand on the domain
 * alone; services never reach up to routes, wiring or the EKM adapter; and no two packages depend
 * on each other, however indirectly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackageLayersTest {
  private static final Path ROOT = Path.of("src/main/java/io/ekms/kms");
  private static final Pattern REFERENCE = Pattern.compile("io\\.ekms\\.kms\\.([a-z]+)\\.");
  private final Map<String, Set<String>> uses = new TreeMap<>();

  @BeforeAll
  void read() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = ROOT.relativize(file);
        if (relative.getNameCount() < 2) {
          continue; // the root package-info
        }
        String from = relative.getName(0).toString();
        Set<String> to = uses.computeIfAbsent(from, p -> new TreeSet<>());
        for (String line : Files.readAllLines(file)) {
          String code = line.strip();
          if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
            continue;
          }
          Matcher m = REFERENCE.matcher(code);
          while (m.find()) {
            if (!m.group(1).equals(from)) {
              to.add(m.group(1));
            }
          }
        }
      }
    }
  }

  @Test
  void sources_areRead() {
    assertThat(uses).containsKeys("auth", "domain", "service", "store", "http", "server");
  }

  @Test
  void innerPackages_useTheDomainOnly() {
    for (String pkg : List.of("auth", "store", "external", "domain")) {
      assertThat(uses.get(pkg)).as(pkg).isSubsetOf("domain");
    }
  }

  @Test
  void services_neverUseRoutesWiringOrTheEkmAdapter() {
    assertThat(uses.get("service")).doesNotContain("http", "server", "ekmclient");
  }

  @Test
  void packages_haveNoCycle() {
    List<String> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      for (String next : uses.get(start)) {
        if (reaches(next, start, new TreeSet<>())) {
          cycles.add(start + " <-> " + next);
        }
      }
    }
    assertThat(cycles).isEmpty();
  }

  private boolean reaches(String from, String target, Set<String> seen) {
    if (from.equals(target)) {
      return true;
    }
    if (!seen.add(from)) {
      return false;
    }
    for (String next : uses.getOrDefault(from, Set.of())) {
      if (reaches(next, target, seen)) {
        return true;
      }
    }
    return false;
  }
}
