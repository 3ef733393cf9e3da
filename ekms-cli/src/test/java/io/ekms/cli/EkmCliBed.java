package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.admin.client.AdminException;
import io.ekms.admin.client.AdminHttp;
import io.ekms.common.json.Json;
import io.ekms.core.admin.FirstAdministrator;
import io.ekms.core.http.Listener;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import io.ekms.ekm.server.EkmServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real EKM on loopback for the {@code ekms ekm ...} verb tests, and the CLI run against its admin
 * API as a user would run it: with {@code --admin-url} and the data directory of its admin token.
 */
final class EkmCliBed implements AutoCloseable {
  final EkmServer server;
  private final Path dir;

  EkmCliBed(Path dir, String audience) throws java.io.IOException {
    this.dir = dir;
    EkmConfig config =
        EkmConfig.builder(dir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .tokens(new EkmConfig.Tokens(audience, 60))
            .keyDeletion(new EkmConfig.KeyDeletion(0, null))
            .build();
    EkmInit.run(config, Map.of(), FirstAdministrator.allRoles("admin"));
    server = EkmServer.start(config, Map.of());
  }

  /** Runs the CLI, expects exit 0 and answers what it printed, as JSON. */
  JsonNode ekms(String... args) throws Exception {
    return Json.mapper().readTree(text(args));
  }

  /** Runs the CLI, expects exit 0 and answers what it printed. */
  String text(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = run(args);
    } finally {
      System.setOut(original);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    return text;
  }

  /** Runs the CLI with its error stream silenced; answers the exit code. */
  int fails(String... args) {
    PrintStream original = System.err;
    try {
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return run(args);
    } finally {
      System.setErr(original);
    }
  }

  /** Runs the CLI, expects the server's refusal (exit 3) and answers the one line it printed. */
  String refused(String... args) {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = Main.commandLine();
    cli.setErr(new java.io.PrintWriter(err));
    int code = cli.execute(withServer(args));
    assertThat(code).as(err.toString()).isEqualTo(ErrorHandler.REMOTE);
    return err.toString();
  }

  private int run(String... args) {
    return Main.commandLine().execute(withServer(args));
  }

  private String[] withServer(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--admin-url",
            "https://127.0.0.1:" + server.adminPort(),
            "--data-dir",
            dir.toString()));
    return all.toArray(String[]::new);
  }

  /**
   * The admin API's refusal of {@code GET path}, sent as it is (past the CLI's own option checks):
   * "the EKM answered STATUS CODE: message".
   */
  String refusedRaw(String path) {
    AdminHttp http =
        AdminHttp.of(
            "EKM",
            "https://127.0.0.1:" + server.adminPort(),
            dir.resolve("tls/ca.pem"),
            dir.resolve("admin.token"));
    AdminException refusal =
        catchThrowableOfType(AdminException.class, () -> http.call("GET", path, null));
    assertThat(refusal).as(path).isNotNull();
    return refusal.getMessage();
  }

  /** A trusted issuer and a vault bound to its client {@code c}: the vault's id. */
  String vault() throws Exception {
    String issuer =
        ekms(
                "ekm",
                "issuer",
                "add",
                "--issuer",
                "https://idp.test",
                "--jwks-uri",
                "https://idp.test/jwks")
            .path("id")
            .asText();
    return ekms("ekm", "vault", "create", "--name", "v", "--issuer-id", issuer, "--client-id", "c")
        .path("id")
        .asText();
  }

  @Override
  public void close() {
    server.close();
  }
}
