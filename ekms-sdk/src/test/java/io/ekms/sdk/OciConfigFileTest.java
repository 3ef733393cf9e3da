package io.ekms.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretFiles;
import io.ekms.core.tls.PemWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciConfigFileTest {
  @TempDir Path dir;

  Path config(String text) throws IOException {
    return Files.writeString(dir.resolve("config"), text);
  }

  @Test
  void load_namedProfile_inheritsDefaultAndResolvesRelativeKeyFile() throws Exception {
    SecretFiles.write(
        dir.resolve("key.pem"), PemWriter.encode(RequestSignerTest.PAIR.getPrivate()));
    Path file =
        config(
            """
            # comment
            [DEFAULT]
            tenancy=ocid1.tenancy.oc1..t
            region=us-ashburn-1
            user=ocid1.user.oc1..default

            ; another comment
            [app]
            user = ocid1.user.oc1..app
            fingerprint=aa:bb
            key_file=key.pem
            """);
    OciConfigFile.Profile profile = OciConfigFile.load(file, "app");
    assertThat(profile.get("user")).isEqualTo("ocid1.user.oc1..app");
    assertThat(profile.region()).isEqualTo("us-ashburn-1");
    assertThat(profile.keyFile()).isEqualTo(dir.resolve("key.pem"));
    ApiKey key = profile.apiKey();
    assertThat(key.keyId()).isEqualTo("ocid1.tenancy.oc1..t/ocid1.user.oc1..app/aa:bb");
  }

  @Test
  void load_missingProfile_namesTheProfile() throws Exception {
    Path file = config("[DEFAULT]\nuser=u\n");
    assertThatThrownBy(() -> OciConfigFile.load(file, "prod"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("prod");
  }

  @Test
  void load_profileWithoutFingerprint_namesTheMissingEntry() throws Exception {
    Path file = config("[p]\nuser=u\ntenancy=t\nkey_file=k\n");
    assertThatThrownBy(() -> OciConfigFile.load(file, "p"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("fingerprint");
  }

  @Test
  void load_lineOutsideAnyProfile_isRefusedWithItsNumber() throws Exception {
    Path file = config("user=u\n");
    assertThatThrownBy(() -> OciConfigFile.load(file, "DEFAULT"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void apiKey_passPhrase_isRefusedClearly() throws Exception {
    Path file = config("[p]\nuser=u\ntenancy=t\nfingerprint=f\nkey_file=k\npass_phrase=x\n");
    assertThatThrownBy(() -> OciConfigFile.load(file, "p").apiKey())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("pass_phrase");
  }

  @Test
  void keyFile_homeRelative_isUnderUserHome() throws Exception {
    Path file = config("[p]\nuser=u\ntenancy=t\nfingerprint=f\nkey_file=~/.oci/k.pem\n");
    assertThat(OciConfigFile.load(file, "p").keyFile())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".oci", "k.pem"));
  }
}
