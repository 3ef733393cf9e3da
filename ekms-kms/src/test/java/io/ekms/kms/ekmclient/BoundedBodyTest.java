package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
  static InputStream bytes(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 7);
    return new ByteArrayInputStream(b);
  }

  @Test
  void read_growingPastTheFirstGuess_isCollectedWhole() throws Exception {
    byte[] body = BoundedBody.read(bytes(50_000), 2, 100_000);

    assertThat(body).hasSize(50_000).containsOnly((byte) 7);
  }

  @Test
  void read_declaredLengthExact_returnsThatMany() throws Exception {
    assertThat(BoundedBody.read(bytes(300), 300, 1000)).hasSize(300);
  }

  @Test
  void read_unknownLengthEmpty_returnsEmpty() throws Exception {
    assertThat(BoundedBody.read(bytes(0), -1, 1000)).isEmpty();
  }

  @Test
  void read_exactlyTheBound_isAccepted() throws Exception {
    assertThat(BoundedBody.read(bytes(10), -1, 10)).hasSize(10);
  }

  @Test
  void read_overTheBound_isRefused() {
    assertThatThrownBy(() -> BoundedBody.read(bytes(11), -1, 10))
        .isInstanceOf(BoundedBody.TooLargeException.class);
    assertThatThrownBy(() -> BoundedBody.read(bytes(11), 11, 10))
        .isInstanceOf(BoundedBody.TooLargeException.class);
  }

  @Test
  void read_lyingDeclaredLength_allocatesOnlyUpToTheBound() {
    assertThatThrownBy(() -> BoundedBody.read(bytes(20), Integer.MAX_VALUE, 10))
        .isInstanceOf(BoundedBody.TooLargeException.class);
  }

  @Test
  void read_streamFails_throwsItsFailure() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("reset");
          }
        };

    assertThatThrownBy(() -> BoundedBody.read(broken, -1, 10)).hasMessage("reset");
  }
}
