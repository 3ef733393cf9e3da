package io.ekms.ekm.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where an error page's "Back" leads: only ever to a console path. */
class ConsoleGateTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example/",
        "//evil.example/console/",
        "/console\\@evil",
        "/admin/v1/vaults",
        "/console/x y",
        "/console/\u0000",
        "javascript:alert(1)"
      })
  void back_notAConsolePath_overview(String value) {
    assertThat(ConsoleGate.back(value)).isEqualTo("/console/overview");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/console/vaults", "/console/vaults/vault-1?q=a&page=2"})
  void back_consolePath_kept(String value) {
    assertThat(ConsoleGate.back(value)).isEqualTo(value);
  }
}
