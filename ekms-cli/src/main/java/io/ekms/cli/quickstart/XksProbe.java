package io.ekms.cli.quickstart;

import static io.ekms.cli.quickstart.Steps.expect;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.secret.SecretBytes;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import io.ekms.core.tls.ServerIdentity;
import io.ekms.ekm.auth.xks.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * One real XKS encrypt and decrypt against the quickstart's key store, over HTTPS and signed with
 * SigV4 exactly as AWS KMS signs, proving the key store, its credential and its key.
 */
final class XksProbe {
  private static final String PLAINTEXT = "hello from AWS";
  private final QuickstartFile file;
  private final HttpClient http;

  XksProbe(QuickstartFile file) throws IOException {
    this.file = file;
    this.http = HttpClient.newBuilder().sslContext(sslContext(file)).build();
  }

  /**
   * Trusts the quickstart's CA; behind mutual TLS, presents the client certificate too, as AWS KMS
   * does.
   */
  private static SSLContext sslContext(QuickstartFile file) throws IOException {
    var trusted = Pem.certificates(Path.of(file.caCertificate()));
    if (file.xks().clientCertificate() == null) {
      return TrustBundle.sslContext(trusted);
    }
    ServerIdentity client =
        ServerIdentity.load(
            Path.of(file.xks().clientCertificate()), Path.of(file.xks().clientKey()));
    return TrustBundle.sslContext(trusted, client.privateKey(), client.chain());
  }

  String run() throws Exception {
    String plain = b64(PLAINTEXT.getBytes(StandardCharsets.UTF_8));
    JsonNode encrypted = call("encrypt", "Encrypt", Map.of("plaintext", plain));
    Map<String, Object> decrypt = new LinkedHashMap<>();
    decrypt.put("ciphertext", encrypted.path("ciphertext").asText());
    decrypt.put("ciphertextMetadata", encrypted.path("ciphertextMetadata").asText());
    decrypt.put("initializationVector", encrypted.path("initializationVector").asText());
    decrypt.put("authenticationTag", encrypted.path("authenticationTag").asText());
    JsonNode decrypted = call("decrypt", "Decrypt", decrypt);
    expect(plain.equals(decrypted.path("plaintext").asText()), "the XKS plaintext differs");
    return "round trip ok on https://"
        + file.xks().host()
        + "/"
        + file.xks().uriPrefix()
        + (file.xks().clientCertificate() == null ? "" : " (mutual TLS)");
  }

  private JsonNode call(String operation, String kmsOperation, Map<String, Object> fields)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "requestMetadata",
        Map.of(
            "kmsRequestId",
            "quickstart-" + operation,
            "kmsOperation",
            kmsOperation,
            "awsPrincipalArn",
            "arn:aws:iam::111122223333:user/quickstart"));
    body.putAll(fields);
    body.put("encryptionAlgorithm", "AES_GCM");
    byte[] bytes = Json.write(body);
    URI uri =
        URI.create(
            "https://"
                + file.xks().host()
                + "/"
                + file.xks().uriPrefix()
                + "/kms/xks/v1/keys/"
                + file.xks().keyId()
                + "/"
                + operation);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    try (SecretBytes secret =
        SecretBytes.copyOf(file.xks().secretAccessKey().getBytes(StandardCharsets.UTF_8))) {
      new SigV4Signer(file.xks().accessKeyId(), secret, "us-east-1", Clock.systemUTC())
          .headers(uri, bytes)
          .forEach(request::header);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new QuickstartException(
          "XKS " + operation + " answered " + response.statusCode() + ": " + response.body());
    }
    return Json.mapper().readTree(response.body());
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
