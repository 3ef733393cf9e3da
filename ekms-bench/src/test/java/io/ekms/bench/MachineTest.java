package io.ekms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineTest {
  @Test
  void cryptoFlags_cpuinfoFlags_keepsOnlyTheCryptoOnesSorted() {
    assertThat(Machine.cryptoFlags(" fpu vme sse2 vaes avx2 aes sha_ni ht avx512f\n"))
        .containsExactly("aes", "avx2", "avx512f", "sha_ni", "vaes");
  }

  @Test
  void cryptoFlags_noneOfThem_isEmpty() {
    assertThat(Machine.cryptoFlags("fpu vme de pse")).isEmpty();
  }

  @Test
  void describe_always_namesCpusJavaAndOs() {
    assertThat(Machine.describe()).containsKeys("cpus", "maxHeapMiB", "java", "os");
  }
}
