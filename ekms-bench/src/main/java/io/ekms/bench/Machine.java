package io.ekms.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What the numbers were measured on. */
final class Machine {
  /** The CPU features that decide AES-GCM, SHA and RSA speed, when the CPU reports them. */
  private static final List<String> CRYPTO_FLAGS =
      List.of("aes", "vaes", "vpclmulqdq", "pclmulqdq", "avx2", "avx512f", "sha_ni", "bmi2", "adx");

  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    List<String> cpuInfo = cpuInfo();
    field(cpuInfo, "model name").ifPresent(model -> m.put("cpuModel", model));
    field(cpuInfo, "flags").ifPresent(flags -> m.put("cpuCryptoFlags", cryptoFlags(flags)));
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      m.put("memoryMiB", os.getTotalMemorySize() >> 20);
    }
    m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    return m;
  }

  static Set<String> cryptoFlags(String flags) {
    Set<String> present = new TreeSet<>(List.of(flags.trim().split("\\s+")));
    present.retainAll(CRYPTO_FLAGS);
    return present;
  }

  /** The lines of /proc/cpuinfo (Linux only; empty elsewhere). */
  private static List<String> cpuInfo() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo"));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** The first value of {@code name} in cpuinfo lines ({@code name : value}). */
  private static Optional<String> field(List<String> lines, String name) {
    return lines.stream()
        .filter(line -> line.startsWith(name) && line.indexOf(':') > 0)
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .findFirst();
  }
}
