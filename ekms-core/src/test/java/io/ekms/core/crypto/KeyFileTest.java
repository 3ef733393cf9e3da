package io.ekms.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.SecretFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
  @TempDir Path dir;

  @Test
  void create_newPath_writes32RandomBytesOwnerOnly() throws IOException {
    Path file = dir.resolve("nested/master.key");

    KeyFile.create(file);
    KeyFile.create(dir.resolve("other.key"));

    assertThat(Files.readAllBytes(file))
        .hasSize(KeyFile.BYTES)
        .isNotEqualTo(Files.readAllBytes(dir.resolve("other.key")));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (SecretBytes key = KeyFile.read(file)) {
      assertThat(key.contentEquals(Files.readAllBytes(file))).isTrue();
    }
  }

  @Test
  void create_existingFile_refusesAndKeepsContent() throws IOException {
    Path file = dir.resolve("master.key");
    KeyFile.create(file);
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> KeyFile.create(file)).isInstanceOf(FileAlreadyExistsException.class);

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void read_wrongSize_throwsNamingTheSize() throws IOException {
    for (int size : new int[] {0, 31, 33}) {
      Path file = SecretFiles.write(dir.resolve("key-" + size), new byte[size]);

      assertThatThrownBy(() -> KeyFile.read(file))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("exactly 32 bytes");
    }
  }
}
