package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.tls.Pem;
import io.ekms.core.tls.LocalCa;
import io.ekms.kms.domain.EkmAddress;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.kms.external.EkmUnavailable;
import io.ekms.kms.external.IdentityFailure;
import io.ekms.testing.TestIssuer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two scripted EKM nodes on loopback HTTPS with one CA, behind one private endpoint, a token
 * issuer, and EKM clients whose failing nodes are kept out on a ticker the test moves.
 */
final class TwoNodes implements AutoCloseable {
  static final String AUDIENCE = "https://scripted.test/";
  static final Duration HOLD_OFF = Duration.ofSeconds(5);
  static final String VAULT = "{\"state\":\"ACTIVE\",\"vendor\":\"scripted\"}";
  static final String PATH = "/oci/ekm/v1/vaults/vlt-scripted";

  final LocalCa ca = LocalCa.create("two nodes CA");
  final ScriptedEkm a = new ScriptedEkm(ca);
  final ScriptedEkm b = new ScriptedEkm(ca);
  final AtomicLong ticker = new AtomicLong();
  final Outages outages = new Outages(ticker::get, HOLD_OFF);
  final TestIssuer issuer = TestIssuer.start();
  final OAuthClient oauth;
  final EkmClients clients =
      new EkmClients(
          EkmClientConfig.defaults(),
          EgressPolicy.of(List.of(), List.of(), true),
          List.of(),
          Transports.DEFAULT_MAX,
          EkmClients.DEFAULT_MAX_VAULTS,
          Clock.systemUTC(),
          outages);

  /** Both nodes answer GetVaultMetadata's {@link #VAULT} once their scripts are used up. */
  TwoNodes() {
    a.otherwise(200, VAULT);
    b.otherwise(200, VAULT);
    issuer.registerClient("kms", "pw", AUDIENCE);
    oauth =
        new OAuthClient(
            issuer.issuer(),
            "kms",
            SecretBytes.copyOf("pw".getBytes(UTF_8)),
            AUDIENCE,
            Pem.certificates(issuer.caPem()));
    warmUp();
  }

  /**
   * Caches the access token, so that tests see only EKM calls. A cold JVM on a busy machine can
   * take longer than the 1 s read timeout for its first TLS exchanges, so this is tried up to three
   * times; nothing here is under test.
   */
  private void warmUp() {
    for (int attempt = 1; ; attempt++) {
      try {
        client(b.port()).vault("req-warm-up");
        break;
      } catch (IdentityFailure | EkmUnavailable e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
    b.forgetSeen();
  }

  /** A client for the vault on {@code nodes}, in that order; its URL names the first. */
  EkmClient client(int... nodes) {
    List<EkmAddress> addresses =
        java.util.Arrays.stream(nodes).mapToObj(p -> new EkmAddress("127.0.0.1", p)).toList();
    String url = "https://127.0.0.1:" + nodes[0] + PATH;
    return clients.client(url, ca.certificatePem(), oauth, addresses);
  }

  /** A client for nodes a and b, in that order. */
  EkmClient client() {
    return client(a.port(), b.port());
  }

  /** Moves the ticker past the hold-off. */
  void holdOffPasses() {
    ticker.addAndGet(HOLD_OFF.toNanos());
  }

  @Override
  public void close() {
    clients.close();
    a.close();
    b.close();
    issuer.close();
  }
}
