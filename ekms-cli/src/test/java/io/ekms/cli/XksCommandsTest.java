package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.ekm.server.EkmServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ekms ekm xks ...} against a real EKM over HTTPS, then the key store it set up answering a
 * curl-signed XKS request.
 */
class XksCommandsTest {
  @TempDir Path dir;

  @Test
  void xksVerbs_createCredentialExposeList_thenCurlEncryptWorks() throws Exception {
    try (EkmCliBed bed = new EkmCliBed(dir, "xks-cli-test")) {
      EkmServer server = bed.server;
      String vault = bed.vault();
      String key =
          bed.ekms("ekm", "key", "create", "--vault-id", vault, "--name", "k").path("id").asText();
      String store =
          bed.ekms("ekm", "xks", "create", "--name", "aws", "--uri-prefix", "aws/cli")
              .path("id")
              .asText();
      JsonNode cred = bed.ekms("ekm", "xks", "add-credential", store);
      assertThat(cred.path("accessKeyId").asText()).matches("[A-Z2-7]{26}");
      bed.ekms("ekm", "xks", "expose", store, "orders", "--vault-id", vault, "--key-id", key);
      JsonNode listed = bed.ekms("ekm", "xks", "list");
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
