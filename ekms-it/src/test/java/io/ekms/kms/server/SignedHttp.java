package io.ekms.kms.server;

import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.http.signing.RequestSigner;
import com.oracle.bmc.http.signing.SigningStrategy;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import io.ekms.core.tls.PemWriter;
import io.ekms.sdk.ApiKey;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's KMS API requests, signed by the OCI Java SDK's own signer and sent over HTTPS as they
 * are, so that tests see the raw answer: status, every header and the body's bytes.
 */
final class SignedHttp {
  private final HttpClient http;
  private final RequestSigner signer;

  SignedHttp(String tenancy, ApiKey user, Path caFile) throws Exception {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(TrustBundle.sslContext(Pem.certificates(caFile)))
            .build();
    byte[] pem = PemWriter.encode(user.privateKey()).getBytes(StandardCharsets.US_ASCII);
    this.signer =
        DefaultRequestSigner.createRequestSigner(
            SimpleAuthenticationDetailsProvider.builder()
                .tenantId(tenancy)
                .userId(user.userId())
                .fingerprint(user.fingerprint())
                .privateKeySupplier(() -> new ByteArrayInputStream(pem))
                .build(),
            SigningStrategy.STANDARD);
  }

  /** Sends {@code method uri} with {@code body} (null: none) and the given opc-request-id. */
  HttpResponse<byte[]> send(String method, URI uri, String body, String requestId)
      throws Exception {
    Map<String, List<String>> given = new HashMap<>();
    given.put("opc-request-id", new ArrayList<>(List.of(requestId)));
    if (body != null) {
      given.put("content-type", new ArrayList<>(List.of("application/json")));
    }
    Map<String, String> signed = new HashMap<>(signer.signRequest(uri, method, given, body));
    given.forEach((name, values) -> signed.putIfAbsent(name, values.getFirst()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    // The client sets these two itself, to the values the signer saw.
    signed.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
            request.header(name, value);
          }
        });
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
