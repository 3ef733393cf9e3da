package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ekms ekm xks ...} against a real EKM over HTTPS, then the key store it set up answering a
 * curl-signed XKS request.
 */
class XksCommandsTest {
  @TempDir Path dir;

  private JsonNode ekms(EkmServer server, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--admin-url",
            "https://127.0.0.1:" + server.adminPort(),
            "--data-dir",
            dir.toString()));
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = Main.commandLine().execute(all.toArray(String[]::new));
    } finally {
      System.setOut(original);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    return Json.mapper().readTree(text);
  }

  @Test
  void xksVerbs_createCredentialExposeList_thenCurlEncryptWorks() throws Exception {
    EkmConfig config =
        EkmConfig.builder(dir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .tokens(new EkmConfig.Tokens("xks-cli-test", 60))
            .build();
    EkmInit.run(config, Map.of());
    try (EkmServer server = EkmServer.start(config, Map.of())) {
      String issuer =
          ekms(
                  server,
                  "ekm",
                  "issuer",
                  "add",
                  "--issuer",
                  "https://idp.test",
                  "--jwks-uri",
                  "https://idp.test/jwks")
              .path("id")
              .asText();
      String vault =
          ekms(
                  server,
                  "ekm",
                  "vault",
                  "create",
                  "--name",
                  "v",
                  "--issuer-id",
                  issuer,
                  "--client-id",
                  "c")
              .path("id")
              .asText();
      String key =
          ekms(server, "ekm", "key", "create", "--vault-id", vault, "--name", "k")
              .path("id")
              .asText();
      String store =
          ekms(server, "ekm", "xks", "create", "--name", "aws", "--uri-prefix", "aws/cli")
              .path("id")
              .asText();
      JsonNode cred = ekms(server, "ekm", "xks", "add-credential", store);
      assertThat(cred.path("accessKeyId").asText()).matches("[A-Z2-7]{26}");
      ekms(server, "ekm", "xks", "expose", store, "orders", "--vault-id", vault, "--key-id", key);
      JsonNode listed = ekms(server, "ekm", "xks", "list");
      assertThat(listed.toString())
          .contains(cred.path("accessKeyId").asText())
          .contains("orders")
          .doesNotContain(cred.path("secretAccessKey").asText());

      String body =
          "{\"requestMetadata\":{\"kmsRequestId\":\"r-1\",\"kmsOperation\":\"Encrypt\","
              + "\"awsPrincipalArn\":\"arn:aws:iam::111122223333:user/a\"},"
              + "\"plaintext\":\"aGVsbG8=\",\"encryptionAlgorithm\":\"AES_GCM\"}";
      Process curl =
          new ProcessBuilder(
                  "curl",
                  "-s",
                  "--cacert",
                  dir.resolve("tls/ca.pem").toString(),
                  "--aws-sigv4",
                  "aws:amz:us-east-1:kms-xks-proxy",
                  "--user",
                  cred.path("accessKeyId").asText() + ":" + cred.path("secretAccessKey").asText(),
                  "-H",
                  "Content-Type: application/json",
                  "--data",
                  body,
                  "https://127.0.0.1:"
                      + server.apiPort()
                      + "/aws/cli/kms/xks/v1/keys/orders/encrypt")
              .start();
      String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(curl.waitFor()).isZero();
      assertThat(Json.mapper().readTree(answer).path("ciphertext").asText()).as(answer).hasSize(8);
    }
  }
}
