package io.ekms.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What an application that adds {@code ekms-sdk} gets at run time: the JDK, Jackson and
 * ekms-common, nothing else (no web server, database, BouncyCastle or logging binding). Maven's own
 * resolution writes the list ({@code dependency:list} in the build); this test holds it to the
 * contract.
 */
class SdkDependenciesTest {
  /** One line of {@code dependency:tree}: its indent (three characters a level) and artifact. */
  private static final Pattern ENTRY =
      Pattern.compile("^([| ]*)[+\\\\]- ([\\w.-]+):([\\w.-]+):jar:\\S+?(\\s\\(optional\\))?$");

  private static final Set<String> ALLOWED =
      Set.of(
          "io.ekms:ekms-common",
          "com.fasterxml.jackson.core:jackson-databind",
          "com.fasterxml.jackson.core:jackson-core",
          "com.fasterxml.jackson.core:jackson-annotations",
          "com.fasterxml.jackson.datatype:jackson-datatype-jsr310");

  @Test
  void runtimeDependencies_ofTheSdk_areJacksonAndCommonOnly() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("target", "runtime-dependencies.txt"));
    Set<String> required = new TreeSet<>();
    Set<String> optional = new TreeSet<>();
    int optionalDepth = Integer.MAX_VALUE;
    for (String line : lines.subList(1, lines.size())) {
      Matcher m = ENTRY.matcher(line);
      assertThat(m.matches()).as("tree line %s", line).isTrue();
      int depth = m.group(1).length() / 3;
      if (depth <= optionalDepth) {
        optionalDepth = m.group(4) == null ? Integer.MAX_VALUE : depth;
      }
      // An optional dependency and everything beneath it never reach the application.
      (depth >= optionalDepth ? optional : required).add(m.group(2) + ":" + m.group(3));
    }

    assertThat(required).isEqualTo(new TreeSet<>(ALLOWED));
    assertThat(optional)
        .contains("com.google.crypto.tink:tink")
        .doesNotContainAnyElementsOf(ALLOWED);
  }

  @Test
  void moduleDescriptor_ofTheSdk_requiresCommonAndTheJdkOnly() {
    ModuleReference sdk =
        ModuleFinder.of(Path.of("target", "classes")).find("io.ekms.sdk").orElseThrow();
    ModuleDescriptor descriptor = sdk.descriptor();

    Set<String> requires =
        descriptor.requires().stream()
            .map(ModuleDescriptor.Requires::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(requires)
        .containsExactly("com.google.crypto.tink", "io.ekms.common", "java.base", "java.net.http");
    assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactlyInAnyOrder(
            "io.ekms.sdk", "io.ekms.sdk.model", "io.ekms.sdk.envelope", "io.ekms.sdk.tink");
  }
}
