package io.ekms.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ListenerTest {
  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void new_noHost_bindsLoopback(String host) {
    Listener listener = new Listener(host, 8443);
    assertThat(listener.host()).isEqualTo("127.0.0.1");
    assertThat(listener.isLoopback()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 8443, 65535})
  void new_portInRange_isKept(int port) {
    assertThat(new Listener("127.0.0.1", port).port()).isEqualTo(port);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 65536, Integer.MAX_VALUE})
  void new_portOutOfRange_throws(int port) {
    assertThatThrownBy(() -> new Listener("127.0.0.1", port))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be 0 to 65535");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "::1"})
  void isLoopback_loopbackNames_isTrue(String host) {
    assertThat(new Listener(host, 0).isLoopback()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "10.0.0.5", "ekm.internal"})
  void isLoopback_wildcardOrRoutable_isFalse(String host) {
    assertThat(new Listener(host, 0).isLoopback()).isFalse();
  }
}
