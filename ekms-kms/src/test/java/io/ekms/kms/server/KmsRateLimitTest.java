package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.http.signing.SigningStrategy;
import io.ekms.admin.client.AdminHttp;
import io.ekms.admin.client.KmsAdmin;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import io.ekms.core.admin.FirstAdministrator;
import io.ekms.core.http.Listener;
import io.ekms.core.tls.PemWriter;
import io.ekms.kms.external.FakeExternalVaults;
import io.ekms.testing.TempDirs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-principal request rate over HTTPS: 429 TooManyRequests with Retry-After. */
class KmsRateLimitTest {
  private static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String COMPARTMENT =
      "ocid1.compartment.oc1..bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

  @Test
  void signedRequests_overThePrincipalsBurst_are429WithRetryAfter_thenServedAgain()
      throws Exception {
    Path dir = TempDirs.create("kms-rate-");
    Listener loopback = new Listener("127.0.0.1", 0);
    KmsConfig config =
        KmsConfig.builder(dir)
            .api(loopback)
            .admin(loopback)
            .rateLimit(new KmsConfig.RateLimit(1, 2))
            .build();
    KmsInit.run(config, Map.of(), null, FirstAdministrator.allRoles("admin"));
    AtomicLong ticker = new AtomicLong();
    try (KmsServer kms =
        KmsServer.start(
            config,
            Map.of(),
            new KmsParts(
                new FakeExternalVaults(), KmsConfig.Egress.loopbackOnly().policy(), routing -> {}),
            () -> {},
            ticker::get)) {
      Principal user = principal(kms, dir);
      URI list = URI.create(kms.baseUrl() + "/20180608/vaults?compartmentId=" + COMPARTMENT);

      assertThat(signedGet(dir, list, user)).startsWith("HTTP/1.1 200");
      assertThat(signedGet(dir, list, user)).startsWith("HTTP/1.1 200");
      String refused = signedGet(dir, list, user);
      assertThat(refused).startsWith("HTTP/1.1 429");
      assertThat(refused.toLowerCase(java.util.Locale.ROOT)).contains("\r\nretry-after: 1\r\n");

      ticker.addAndGet(1_000_000_000L);
      assertThat(signedGet(dir, list, user)).startsWith("HTTP/1.1 200");
    }
  }

  private record Principal(String userId, String fingerprint, KeyPair key) {}

  private static Principal principal(KmsServer kms, Path dir) throws Exception {
    KmsAdmin admin =
        new KmsAdmin(
            AdminHttp.of(
                "KMS",
                "https://127.0.0.1:" + kms.adminPort(),
                dir.resolve("tls/ca.pem"),
                dir.resolve("admin.token")));
    String userId = admin.createUser(TENANCY, "app");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair key = generator.generateKeyPair();
    String fingerprint = admin.addApiKey(userId, PemWriter.encode(key.getPublic()));
    admin.grant(userId, COMPARTMENT, "manage");
    return new Principal(userId, fingerprint, key);
  }

  /**
   * A GET signed by the OCI SDK's signer, sent over a raw TLS socket; the answer's head as text.
   */
  private static String signedGet(Path dir, URI uri, Principal user) throws Exception {
    String pem = PemWriter.encode(user.key().getPrivate());
    var provider =
        SimpleAuthenticationDetailsProvider.builder()
            .tenantId(TENANCY)
            .userId(user.userId())
            .fingerprint(user.fingerprint())
            .privateKeySupplier(
                () -> new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
            .build();
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    Map<String, List<String>> given = new HashMap<>();
    given.put("date", new ArrayList<>(List.of(date)));
    Map<String, String> headers =
        new HashMap<>(
            DefaultRequestSigner.createRequestSigner(provider, SigningStrategy.STANDARD)
                .signRequest(uri, "GET", given, null));
    headers.put("date", date);
    var tls = TrustBundle.sslContext(Pem.certificates(dir.resolve("tls/ca.pem")));
    try (var socket = tls.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
      StringBuilder req =
          new StringBuilder("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n");
      headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      req.append("connection: close\r\n\r\n");
      socket.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (head.indexOf("\r\n\r\n") < 0) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      return head.toString();
    }
  }
}
