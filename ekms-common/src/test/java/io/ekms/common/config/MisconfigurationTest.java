package io.ekms.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MisconfigurationTest {
  @Test
  void new_message_isPrefixedAndCarriesNoStackTrace() {
    Misconfiguration e = new Misconfiguration("server.port must be 0 to 65535.");

    assertThat(e).hasMessage("Misconfiguration: server.port must be 0 to 65535.").hasNoCause();
    assertThat(e.getStackTrace()).isEmpty();
  }

  @Test
  void new_withCause_keepsCauseAndStackTraceForTheLog() {
    IOException cause = new IOException("disk");
    Misconfiguration e = new Misconfiguration("cannot open the database.", cause);

    assertThat(e).hasMessage("Misconfiguration: cannot open the database.").hasCause(cause);
    assertThat(e.getStackTrace()).isNotEmpty();
  }
}
