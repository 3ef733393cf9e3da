package io.ekms.ekm.backend.software;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.SecretFiles;
import io.ekms.testing.TempDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MasterKeyTest {
  /** Few iterations: these tests are about determinism, not cost. */
  private static final int FAST = 1_000;

  private static final byte[] SALT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private final Path dir = TempDirs.create("master-key-");

  @Test
  void createFile_newPath_writes32RandomBytesReadableByOwnerOnly() throws IOException {
    Path file = dir.resolve("nested/master.key");

    MasterKey.createFile(file);
    MasterKey.createFile(dir.resolve("other.key"));

    assertThat(Files.readAllBytes(file))
        .hasSize(MasterKey.BYTES)
        .isNotEqualTo(Files.readAllBytes(dir.resolve("other.key")));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (SecretBytes key = MasterKey.readFile(file)) {
      assertThat(key.contentEquals(Files.readAllBytes(file))).isTrue();
    }
  }

  @Test
  void createFile_existingFile_refusesAndKeepsItsContent() throws IOException {
    Path file = dir.resolve("master.key");
    MasterKey.createFile(file);
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> MasterKey.createFile(file))
        .isInstanceOf(FileAlreadyExistsException.class);

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void readFile_not32Bytes_throwsIoExceptionNamingTheSize() throws IOException {
    for (int size : new int[] {0, 31, 33}) {
      Path file = SecretFiles.write(dir.resolve("key-" + size), new byte[size]);

      assertThatThrownBy(() -> MasterKey.readFile(file))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("exactly 32 bytes");
    }
  }

  @Test
  void fromPassphrase_sameInputs_deriveSameKey() {
    try (SecretBytes one = derive("correct horse battery", SALT);
        SecretBytes two = derive("correct horse battery", SALT)) {
      assertThat(one.length()).isEqualTo(MasterKey.BYTES);
      assertThat(two.contentEquals(one.copy())).isTrue();
    }
  }

  @Test
  void fromPassphrase_otherSaltOrPassphrase_deriveOtherKeys() {
    byte[] otherSalt = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    try (SecretBytes base = derive("correct horse battery", SALT);
        SecretBytes salted = derive("correct horse battery", otherSalt);
        SecretBytes other = derive("correct horse batterz", SALT)) {
      assertThat(salted.contentEquals(base.copy())).isFalse();
      assertThat(other.contentEquals(base.copy())).isFalse();
    }
  }

  /** RFC 7914 section 11, first 32 bytes: keystores made from a passphrase must stay openable. */
  @Test
  void fromPassphrase_rfc7914Vector_matches() {
    byte[] salt = "salt".getBytes(StandardCharsets.US_ASCII);
    byte[] expected =
        HexFormat.of().parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    try (SecretBytes passwd = SecretBytes.copyOf("passwd".getBytes(StandardCharsets.US_ASCII));
        SecretBytes key = MasterKey.fromPassphrase(passwd, salt, 1)) {
      assertThat(key.contentEquals(expected)).isTrue();
    }
  }

  private static SecretBytes derive(String passphrase, byte[] salt) {
    try (SecretBytes secret = SecretBytes.copyOf(passphrase.getBytes(StandardCharsets.UTF_8))) {
      return MasterKey.fromPassphrase(secret, salt, FAST);
    }
  }
}
