package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.core.http.Listener;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The EKM will not start on a master key or TLS private key that group or others can read. */
class EkmSecretFilesTest {
  @Test
  void start_keyFilesReadableByOthers_refusedNamingTheFileAndTheFix() throws Exception {
    Path dir = TempDirs.create("ekm-secret-files-");
    Listener loopback = new Listener("127.0.0.1", 0);
    EkmConfig config =
        EkmConfig.builder(dir)
            .api(loopback)
            .admin(loopback)
            .tokens(new EkmConfig.Tokens("ekms-test", null))
            .build();
    EkmInit.run(config, Map.of());

    for (Path key : new Path[] {dir.resolve("master.key"), dir.resolve("tls/server-key.pem")}) {
      chmod(key, "rw-r--r--");
      assertThatThrownBy(() -> EkmServer.start(config, Map.of()).close())
          .isInstanceOf(Misconfiguration.class)
          .hasMessageContaining(key + " can be read by group or others; run chmod 600 " + key);
      chmod(key, "rw-------");
    }
  }

  private static void chmod(Path file, String permissions) throws Exception {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
  }
}
