package io.ekms.admin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminHttpTest {
  @TempDir Path dir;

  @Test
  void of_tokenFileReadableByOthers_refusedNamingTheFileAndTheFix() throws Exception {
    Path ca = dir.resolve("ca.pem");
    Path token = Files.writeString(dir.resolve("admin.token"), "ekmsadm_0123\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> AdminHttp.of("EKM", "https://127.0.0.1:1", ca, token))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining(token + " can be read by group or others; run chmod 600 " + token);
  }

  @Test
  void retryable_serverFailure_trueAndRefusal_false() {
    assertThat(new AdminException("EKM", 503, "ServiceUnavailable", "busy").retryable()).isTrue();
    assertThat(new AdminException("EKM", 500, "InternalServerError", "x").retryable()).isTrue();
    assertThat(new AdminException("EKM", 409, "Conflict", "exists").retryable()).isFalse();
    assertThat(new AdminException("EKM", 404, "NotFound", "no such").retryable()).isFalse();
  }
}
