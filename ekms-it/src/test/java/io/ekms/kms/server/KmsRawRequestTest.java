package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.http.signing.SigningStrategy;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import io.ekms.core.tls.PemWriter;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests built by hand: unsigned, and signed with a date from 10 minutes ago (a replay). */
class KmsRawRequestTest {
  static SdkWorld w;
  static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    w = new SdkWorld();
    http =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(Pem.certificates(w.stack.caFile())))
            .build();
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  static HttpResponse<String> get(URI uri, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    headers.forEach(
        (k, v) -> {
          if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("date")) {
            b.header(k, v);
          }
        });
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void unsignedRequest_is401NotAuthenticated() throws Exception {
    var r =
        get(URI.create(w.stack.kms().baseUrl() + "/20180608/vaults/" + w.vault.getId()), Map.of());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("NotAuthenticated");
  }

  /** Signs a GET with the OCI SDK's own signer, with the given Date header value. */
  static Map<String, String> signedHeaders(URI uri, String date) {
    String pem = PemWriter.encode(w.user.privateKey());
    var provider =
        SimpleAuthenticationDetailsProvider.builder()
            .tenantId(SdkWorld.TENANCY)
            .userId(w.user.userId())
            .fingerprint(w.user.fingerprint())
            .privateKeySupplier(
                () -> new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
            .build();
    var signer = DefaultRequestSigner.createRequestSigner(provider, SigningStrategy.STANDARD);
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("date", new ArrayList<>(List.of(date)));
    Map<String, String> out = new HashMap<>(signer.signRequest(uri, "GET", headers, null));
    out.put("date", date);
    return out;
  }

  /** Sends the request over a raw TLS socket, so the Date header is exactly what was signed. */
  static int rawGet(URI uri, Map<String, String> headers) throws Exception {
    var tls = TrustBundle.sslContext(Pem.certificates(w.stack.caFile()));
    try (var socket = tls.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
      StringBuilder req = new StringBuilder("GET " + uri.getRawPath() + " HTTP/1.1\r\n");
      headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      req.append("connection: close\r\n\r\n");
      socket.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String status =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  static String date(ZonedDateTime t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t);
  }

  @Test
  void signedRequest_currentDate_is200() throws Exception {
    URI uri = URI.create(w.stack.kms().baseUrl() + "/20180608/vaults/" + w.vault.getId());
    assertThat(rawGet(uri, signedHeaders(uri, date(ZonedDateTime.now(ZoneOffset.UTC)))))
        .isEqualTo(200);
  }

  @Test
  void replayedRequestWithAnOldDate_is401() throws Exception {
    URI uri = URI.create(w.stack.kms().baseUrl() + "/20180608/vaults/" + w.vault.getId());
    String old = date(ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(10));
    assertThat(rawGet(uri, signedHeaders(uri, old))).isEqualTo(401);
  }

  @Test
  void health_publicSaysOnlyUp_metricsAndDetailOnTheAdminListenerOnly() throws Exception {
    var health = get(URI.create(w.stack.kms().baseUrl() + "/health"), Map.of());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    for (String path : List.of("/metrics", "/observe/metrics", "/observe/health")) {
      var r = get(URI.create(w.stack.kms().baseUrl() + path), Map.of());
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).doesNotContain("kms_requests");
    }
    String admin = "https://127.0.0.1:" + w.stack.kms().adminPort();
    var metrics = get(URI.create(admin + "/metrics"), Map.of());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("kms_requests_seconds_count");
    var detail = get(URI.create(admin + "/health"), Map.of());
    assertThat(detail.body()).contains("\"checks\"");
  }
}
