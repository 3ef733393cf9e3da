package io.ekms.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.core.secret.SecretRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  record AppConfig(String name, Server server, Store store) {}

  record Server(String host, int port, Integer maxConnections) {
    Server {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535");
      }
    }
  }

  record Store(String jdbcUrl, SecretRef password) {}

  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("ekms.yaml"), text);
  }

  private AppConfig load(Path file, Map<String, String> env) {
    return ConfigLoader.load(file, AppConfig.class, "EKMS", env);
  }

  @Test
  void load_yaml_buildsNestedRecords() throws IOException {
    Path file =
        yaml(
            """
            name: ekm-1
            server:
              host: 0.0.0.0
              port: 9443
            store:
              jdbcUrl: jdbc:h2:mem:x
              password: {env: DB_PASSWORD}
            """);

    AppConfig config = load(file, Map.of());

    assertThat(config.name()).isEqualTo("ekm-1");
    assertThat(config.server()).isEqualTo(new Server("0.0.0.0", 9443, null));
    assertThat(config.store())
        .isEqualTo(new Store("jdbc:h2:mem:x", new SecretRef(null, "DB_PASSWORD")));
  }

  @Test
  void load_noFileAndNoEnvironment_givesEmptyRecord() {
    assertThat(load(null, Map.of())).isEqualTo(new AppConfig(null, null, null));
  }

  @Test
  void load_emptyFile_givesEmptyRecord() throws IOException {
    assertThat(load(yaml(""), Map.of())).isEqualTo(new AppConfig(null, null, null));
  }

  @Test
  void load_environment_overridesYamlMatchingCaseAndUnderscoresLoosely() throws IOException {
    Path file = yaml("server: {host: 127.0.0.1, port: 8443}\n");
    Map<String, String> env =
        Map.of(
            "EKMS_SERVER__PORT", "9443",
            "EKMS_SERVER__MAX_CONNECTIONS", "64",
            "EKMS_NAME", "from-env",
            "EKMS_STORE__PASSWORD__FILE", "/run/secrets/db",
            "OTHER_SERVER__PORT", "1",
            "PATH", "/usr/bin");

    AppConfig config = load(file, env);

    assertThat(config.server()).isEqualTo(new Server("127.0.0.1", 9443, 64));
    assertThat(config.name()).isEqualTo("from-env");
    assertThat(config.store().password()).isEqualTo(new SecretRef("/run/secrets/db", null));
  }

  @Test
  void load_unknownYamlKey_namesIt() throws IOException {
    Path file = yaml("server:\n  port: 1\n  prot: 2\n");
    assertThatThrownBy(() -> load(file, Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessage("Misconfiguration: unknown setting 'prot' at server.prot.");
  }

  @Test
  void load_unknownEnvironmentPath_namesVariable() {
    for (String variable : new String[] {"EKMS_SERVR__PORT", "EKMS_SERVER__PORT__X", "EKMS_X"}) {
      assertThatThrownBy(() -> load(null, Map.of(variable, "secret-value")))
          .isInstanceOf(Misconfiguration.class)
          .hasMessage("Misconfiguration: environment variable " + variable + " names no setting.")
          .message()
          .doesNotContain("secret-value");
    }
  }

  @Test
  void load_constructorRefuses_namesPathAndReason() throws IOException {
    assertThatThrownBy(() -> load(yaml("server: {port: 70000}\n"), Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessage("Misconfiguration: server: port must be 0 to 65535.");
    assertThatThrownBy(() -> load(null, Map.of("EKMS_SERVER__PORT", "-1")))
        .hasMessage("Misconfiguration: server: port must be 0 to 65535.");
  }

  @Test
  void load_secretRefWithBothOrNeither_namesPath() throws IOException {
    assertThatThrownBy(() -> load(yaml("store: {password: {file: /a, env: B}}\n"), Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessage(
            "Misconfiguration: store.password: a secret needs exactly one of 'file' or 'env'.");
    assertThatThrownBy(() -> load(yaml("store: {password: {}}\n"), Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("store.password");
  }

  @Test
  void load_primitiveLeftOutOrNull_isRequired() throws IOException {
    assertThatThrownBy(() -> load(yaml("server: {host: 0.0.0.0}\n"), Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessage("Misconfiguration: setting server.port is required.");
    assertThatThrownBy(() -> load(yaml("server:\n  port:\n"), Map.of()))
        .hasMessage("Misconfiguration: setting server.port is required.");
    assertThatThrownBy(() -> load(null, Map.of("EKMS_SERVER__HOST", "0.0.0.0")))
        .hasMessage("Misconfiguration: setting server.port is required.");
  }

  @Test
  void load_wrongType_namesPathNotValue() throws IOException {
    assertThatThrownBy(() -> load(yaml("server: {port: S3CR3T}\n"), Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessage("Misconfiguration: setting server.port has the wrong type.");
  }

  @Test
  void load_missingFile_saysSo() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> load(missing, Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessage("Misconfiguration: config file " + missing + " does not exist.");
  }

  @Test
  void load_invalidYamlOrNotAMapping_saysSoWithoutContent() throws IOException {
    Path broken = yaml("server: [S3CR3T\n");
    assertThatThrownBy(() -> load(broken, Map.of()))
        .hasMessage("Misconfiguration: config file " + broken + " is not valid YAML.");
    Path list = yaml("- a\n- b\n");
    assertThatThrownBy(() -> load(list, Map.of()))
        .hasMessage("Misconfiguration: config file " + list + " must hold a YAML mapping.");
  }
}
