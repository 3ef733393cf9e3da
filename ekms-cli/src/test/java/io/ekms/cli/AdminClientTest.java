package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.core.tls.LocalCa;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class AdminClientTest {
  @Test
  void constructor_tokenFileReadableByOthers_refusedNamingTheFileAndTheFix() throws Exception {
    Path dir = TempDirs.create("cli-admin-token-");
    Path ca = Files.writeString(dir.resolve("ca.pem"), LocalCa.create("t").certificatePem());
    Path token = Files.writeString(dir.resolve("admin.token"), "ekmsadm_0123\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> new AdminClient("the EKM", "https://127.0.0.1:1", ca, token))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining(token + " can be read by group or others; run chmod 600 " + token);
  }
}
