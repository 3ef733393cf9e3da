package io.ekms.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {
  private static final String SECRET = "pa55-w0rd s3cret";

  @TempDir Path dir;

  private static String text(SecretBytes secret) {
    try (secret) {
      return secret.reveal(b -> new String(b, StandardCharsets.UTF_8));
    }
  }

  @Test
  void new_bothOrNeither_throws() {
    assertThatThrownBy(() -> new SecretRef("/a", "B"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a secret needs exactly one of 'file' or 'env'");
    assertThatThrownBy(() -> new SecretRef(null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resolve_file_trimsTrailingLineBreaksOnly() throws IOException {
    Path unix = SecretFiles.write(dir.resolve("unix"), SECRET + "\n");
    Path windows = SecretFiles.write(dir.resolve("windows"), SECRET + "\r\n");
    Path inner = SecretFiles.write(dir.resolve("inner"), " a\nb \n");

    assertThat(text(SecretRef.ofFile(unix).resolve(Map.of()))).isEqualTo(SECRET);
    assertThat(text(SecretRef.ofFile(windows).resolve(Map.of()))).isEqualTo(SECRET);
    assertThat(text(SecretRef.ofFile(inner).resolve(Map.of()))).isEqualTo(" a\nb ");
  }

  @Test
  void resolve_env_readsVariable() {
    SecretRef ref = new SecretRef(null, "DB_PASSWORD");
    assertThat(text(ref.resolve(Map.of("DB_PASSWORD", SECRET)))).isEqualTo(SECRET);
  }

  @Test
  void resolve_envMissingOrEmpty_isMisconfiguration() {
    SecretRef ref = new SecretRef(null, "DB_PASSWORD");
    assertThatThrownBy(() -> ref.resolve(Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessage("Misconfiguration: environment variable DB_PASSWORD is not set.");
    assertThatThrownBy(() -> ref.resolve(Map.of("DB_PASSWORD", "")))
        .isInstanceOf(Misconfiguration.class);
  }

  @Test
  void resolve_missingFile_isMisconfigurationNamingFile() {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> SecretRef.ofFile(missing).resolve(Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessage(
            "Misconfiguration: cannot read secret file " + missing + " (NoSuchFileException).");
  }

  @Test
  void resolve_fileEmptyOrOnlyLineBreaks_isMisconfiguration() throws IOException {
    for (String content : new String[] {"", "\n", "\r\n\n"}) {
      Path file = SecretFiles.write(dir.resolve("empty"), content);
      assertThatThrownBy(() -> SecretRef.ofFile(file).resolve(Map.of()))
          .isInstanceOf(Misconfiguration.class)
          .hasMessage("Misconfiguration: secret file " + file + " is empty.");
    }
  }

  @Test
  void toString_resolvedSecret_showsOnlyWhereItComesFrom() throws IOException {
    Path file = SecretFiles.write(dir.resolve("secret"), SECRET);
    SecretRef fromFile = SecretRef.ofFile(file);
    SecretRef fromEnv = new SecretRef(null, "DB_PASSWORD");
    text(fromFile.resolve(Map.of()));
    text(fromEnv.resolve(Map.of("DB_PASSWORD", SECRET)));

    assertThat(fromFile.toString()).isEqualTo("SecretRef[file=" + file + "]");
    assertThat(fromEnv.toString()).isEqualTo("SecretRef[env=DB_PASSWORD]");
    assertThat(fromFile + " " + fromEnv).doesNotContain(SECRET);
  }
}
