package io.ekms.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretFiles;
import io.ekms.common.tls.Pem;
import io.ekms.core.crypto.KeyFile;
import io.ekms.core.tls.LocalCa;
import io.ekms.core.tls.PemWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files holding secrets are refused when group or others can read them (POSIX). */
class SecretFilesTest {
  @TempDir Path dir;

  private Path file(String name, byte[] content, String permissions) throws Exception {
    Path file = SecretFiles.write(dir.resolve(name), content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @Test
  void requireOwnerOnly_groupOrOthersMayRead_refusedNamingTheFileAndTheFix() throws Exception {
    for (String permissions : List.of("rw-r--r--", "rw-r-----", "rw----r--", "r--r-----")) {
      Path file = file("key-" + permissions, new byte[32], permissions);
      assertThatThrownBy(() -> SecretFiles.requireOwnerOnly(file, "master key file"))
          .as(permissions)
          .isInstanceOf(Misconfiguration.class)
          .hasMessage(
              "Misconfiguration: the master key file "
                  + file
                  + " can be read by group or others; run chmod 600 "
                  + file
                  + " (or chmod 400).");
    }
  }

  @Test
  void requireOwnerOnly_ownerOnly_accepted() throws Exception {
    for (String permissions : List.of("rw-------", "r--------", "rw--w----")) {
      Path file = file("key-" + permissions, new byte[32], permissions);
      assertThatCode(() -> SecretFiles.requireOwnerOnly(file, "master key file"))
          .as(permissions)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void write_newOrExistingFile_isOwnerOnly() throws Exception {
    Path existing = Files.writeString(dir.resolve("existing"), "old");
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));
    SecretFiles.write(existing, "new");
    Path created = SecretFiles.write(dir.resolve("created"), "new");
    for (Path file : List.of(existing, created)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(Files.readString(file)).isEqualTo("new");
    }
  }

  @Test
  void readers_ofKeysAndSecrets_refuseAFileOthersCanRead() throws Exception {
    Path masterKey = file("master.key", new byte[32], "rw-r--r--");
    Path pin = file("pin", "1234".getBytes(), "rw-r--r--");
    String pem =
        PemWriter.encode(
            LocalCa.create("t").issueServer("t", List.of("t"), List.of()).privateKey());
    Path privateKey = file("key.pem", pem.getBytes(), "rw-r--r--");

    assertThatThrownBy(() -> KeyFile.read(masterKey))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("chmod 600 " + masterKey);
    assertThatThrownBy(() -> SecretRef.ofFile(pin).resolve(Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("chmod 600 " + pin);
    assertThatThrownBy(() -> Pem.privateKey(privateKey))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("chmod 600 " + privateKey);
  }
}
