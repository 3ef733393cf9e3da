package io.ekms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class GeneratedStreamTest {
  @Test
  void transferTo_anyLength_yieldsExactlyThatManyBytesThenEnd() throws Exception {
    long length = (3L << 16) + 17;
    try (GeneratedStream in = new GeneratedStream(length)) {
      assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(length);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
    }
  }

  @Test
  void read_singleBytes_patternThenEnd() {
    GeneratedStream in = new GeneratedStream(2);

    assertThat(in.read()).isEqualTo(0x5a);
    assertThat(in.read()).isEqualTo(0x5a);
    assertThat(in.read()).isEqualTo(-1);
  }
}
