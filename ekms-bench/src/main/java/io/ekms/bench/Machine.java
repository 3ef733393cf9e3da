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
    cpuInfo("model name").ifPresent(model -> m.put("cpuModel", model));
    cpuInfo("flags").ifPresent(flags -> m.put("cpuCryptoFlags", cryptoFlags(flags)));
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

  /** The first value of {@code field} in /proc/cpuinfo (Linux only; empty elsewhere). */
  private static Optional<String> cpuInfo(String field) {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith(field) && line.indexOf(':') > 0)
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
