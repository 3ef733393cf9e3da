package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import io.ekms.core.http.Listener;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.server.IdentityServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ekms identity ...} against a real identity server over HTTPS. */
class IdentityCommandTest {
  private static final String AUDIENCE = "https://ekm.example.test/";
  @TempDir Path dir;

  /** Exit code, standard output and standard error of one command. */
  record Run(int code, String out, String err) {}

  private static Run ekms(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Run admin(IdentityServer server, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--admin-url",
            "https://127.0.0.1:" + server.adminPort(),
            "--data-dir",
            dir.toString()));
    return ekms(all.toArray(String[]::new));
  }

  @Test
  void identityVerbs_initCreateListRotateAuditDelete_workEndToEnd() throws Exception {
    Run init = ekms("identity", "init", "--data-dir", dir.toString());
    assertThat(init.code()).as(init.err()).isZero();
    assertThat(ownerOnly(dir.resolve("admin.token"))).isTrue();
    assertThat(ownerOnly(dir.resolve("master.key"))).isTrue();
    assertThat(ekms("identity", "init", "--data-dir", dir.toString()).err())
        .contains("already initialised");
    IdentityConfig config =
        IdentityConfig.builder(dir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .build();
    try (IdentityServer server = IdentityServer.start(config, Map.of())) {
      Run created =
          admin(server, "identity", "client", "create", "--name", "kms", "--audience", AUDIENCE);
      assertThat(created.code()).as(created.err()).isZero();
      assertThat(created.err()).contains("cannot be shown again");
      JsonNode client = Json.mapper().readTree(created.out());
      String id = client.path("id").asText();
      String secret = client.path("clientSecret").asText();
      assertThat(id).startsWith("cli-");
      assertThat(secret).startsWith("ekmscs_");
      assertThat(client.path("scopes").get(0).asText()).isEqualTo("oci_ekms");

      Run listed = admin(server, "identity", "client", "list");
      assertThat(listed.out()).contains(id).doesNotContain(secret);
      List<String> table =
          admin(server, "identity", "client", "list", "--output", "table").out().lines().toList();
      assertThat(table.get(0)).startsWith("ID").contains("NAME", "CREATED_AT");
      assertThat(table.get(1)).startsWith(id).contains("kms");
      assertThat(admin(server, "identity", "key", "rotate").out()).contains("\"kid\":\"sig-");
      assertThat(
              Json.mapper().readTree(admin(server, "identity", "key", "list").out()).path("items"))
          .hasSize(2);
      assertThat(token(server, id, secret)).isEqualTo(200);

      Run rotated =
          admin(server, "identity", "client", "rotate-secret", "--grace-seconds", "0", id);
      assertThat(rotated.code()).as(rotated.err()).isZero();
      assertThat(rotated.err()).contains("The old secret stops working in 0 s.");
      String newSecret = Json.mapper().readTree(rotated.out()).path("clientSecret").asText();
      assertThat(newSecret).startsWith("ekmscs_").isNotEqualTo(secret);
      assertThat(token(server, id, secret)).isEqualTo(401);
      assertThat(token(server, id, newSecret)).isEqualTo(200);
      secret = newSecret;

      JsonNode records =
          Json.mapper()
              .readTree(admin(server, "identity", "audit", "read", "--limit", "1000").out());
      assertThat(records.path("items").findValuesAsText("operation"))
          .contains("CreateClient", "RotateClientSecret", "IssueToken");
      assertThat(records.toString()).doesNotContain(secret);
      Run verified = admin(server, "identity", "audit", "verify");
      assertThat(verified.code()).as(verified.err()).isZero();
      assertThat(Json.mapper().readTree(verified.out()).path("ok").asBoolean()).isTrue();

      assertThat(admin(server, "identity", "client", "delete", id).code()).isZero();
      assertThat(token(server, id, secret)).isEqualTo(401);
      Run again = admin(server, "identity", "client", "delete", id);
      assertThat(again.code()).isEqualTo(ErrorHandler.REMOTE);
      assertThat(again.err()).contains("identity server answered 404");
    }
  }

  @Test
  void clientCreate_repeatedScopes_replaceTheDefault() throws Exception {
    ekms("identity", "init", "--data-dir", dir.toString());
    IdentityConfig config =
        IdentityConfig.builder(dir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .build();
    try (IdentityServer server = IdentityServer.start(config, Map.of())) {
      Run created =
          admin(
              server,
              "identity",
              "client",
              "create",
              "--name",
              "two",
              "--audience",
              AUDIENCE,
              "--scope",
              "a",
              "--scope",
              "b");

      assertThat(Json.mapper().readTree(created.out()).path("scopes").toString())
          .isEqualTo("[\"a\",\"b\"]");
    }
  }

  private int token(IdentityServer server, String id, String secret) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(
                TrustBundle.sslContext(
                    Pem.certificates(Files.readString(dir.resolve("tls/ca.pem")))))
            .build();
    String basic =
        Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.issuer() + "/oauth2/v1/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static boolean ownerOnly(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file)).equals("rw-------");
  }
}
