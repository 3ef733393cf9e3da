package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code serve} and {@code init} keep their data: {@code --data-dir} when given, else the
 * config file's {@code dataDir}, else {@code ekms-data/<server>}. The flag's default used to beat
 * the file, so a config file's {@code dataDir} was silently ignored.
 */
class ServeDataDirTest {
  @Test
  void load_configFileWithDataDirAndNoFlag_usesTheFilesDataDir(@TempDir Path dir) throws Exception {
    Path file = config(dir, "ekm.yaml", dir.resolve("from-file"));
    Path kmsFile = config(dir, "kms.yaml", dir.resolve("kms-from-file"));
    Path identityFile = config(dir, "identity.yaml", dir.resolve("identity-from-file"));

    assertThat(EkmServeCommand.load(file, null).dataDir())
        .isEqualTo(dir.resolve("from-file").toString());
    assertThat(KmsServeCommand.load(kmsFile, null).dataDir())
        .isEqualTo(dir.resolve("kms-from-file").toString());
    assertThat(IdentityServeCommand.load(identityFile, null).dataDir())
        .isEqualTo(dir.resolve("identity-from-file").toString());
  }

  @Test
  void load_flagGiven_beatsTheFile(@TempDir Path dir) throws Exception {
    Path file = config(dir, "ekm.yaml", dir.resolve("from-file"));

    assertThat(EkmServeCommand.load(file, dir.resolve("flag")).dataDir())
        .isEqualTo(dir.resolve("flag").toString());
  }

  @Test
  void load_noFileNoFlag_isTheServersDefault() {
    assertThat(EkmServeCommand.load(null, null).dataDir())
        .isEqualTo(Path.of("ekms-data/ekm").toAbsolutePath().toString());
    assertThat(KmsServeCommand.load(null, null).dataDir())
        .isEqualTo(Path.of("ekms-data/kms").toAbsolutePath().toString());
  }

  private static Path config(Path dir, String name, Path dataDir) throws Exception {
    return Files.writeString(dir.resolve(name), "dataDir: " + dataDir + "\n");
  }
}
