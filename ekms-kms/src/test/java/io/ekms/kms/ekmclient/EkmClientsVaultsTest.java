package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.tls.Pem;
import io.ekms.core.crypto.Randoms;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.external.ExternalVault;
import io.ekms.kms.service.SecretSealer;
import io.ekms.testing.TestIssuer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The port side of {@link EkmClients}: one client per vault, kept (and bounded), opened with the
 * vault's own sealed secret; answers are never cached.
 */
class EkmClientsVaultsTest {
  static final String ACTIVE = "{\"state\":\"ACTIVE\",\"vendor\":\"scripted\"}";
  static TestIssuer issuer;
  final ScriptedEkm ekm = new ScriptedEkm();
  final SecretSealer sealer = new SecretSealer(SecretBytes.adopt(Randoms.bytes(32)));
  final String clientId = "kms-" + Randoms.hex(6);
  final String secret = "pw-" + Randoms.hex(8);
  EkmClients clients;
  PrivateEndpoint endpoint;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuer.start();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  @BeforeEach
  void start() {
    issuer.registerClient(clientId, secret, EkmClients.audience(ekm.vaultUrl()));
    clients = clients(EkmClients.DEFAULT_MAX_VAULTS);
    URI url = URI.create(ekm.vaultUrl());
    Instant now = Instant.now();
    endpoint =
        new PrivateEndpoint(
            "ocid1.ekmsprivateendpoint.oc1.." + Randoms.hex(8),
            "ocid1.compartment.oc1..c",
            "ekm",
            null,
            url.getHost(),
            url.getPort(),
            ekm.caPem(),
            Lifecycle.ACTIVE,
            now,
            now);
  }

  @AfterEach
  void stop() {
    clients.close();
    ekm.close();
    sealer.close();
  }

  /** Generous timeouts: these tests are about which clients are kept, not about time. */
  EkmClients clients(int maxVaults) {
    return new EkmClients(
        new EkmClientConfig(Duration.ofSeconds(10), Duration.ofSeconds(30), null),
        LoopbackClients.LOOPBACK,
        Pem.certificates(issuer.caPem()),
        Transports.DEFAULT_MAX,
        maxVaults);
  }

  /** A vault at the scripted EKM, its OAuth client secret sealed as {@code sealedSecret}. */
  Vault vault(String id, String sealedSecret) {
    Instant now = Instant.now();
    return new Vault(
        id,
        "ocid1.compartment.oc1..c",
        "vault",
        Lifecycle.ACTIVE,
        ekm.vaultUrl(),
        endpoint.id(),
        issuer.issuer(),
        clientId,
        sealedSecret,
        null,
        now,
        now,
        null);
  }

  Vault vault() {
    String id = "ocid1.vault.oc1.." + Randoms.hex(8);
    return vault(id, sealer.seal(id, SecretBytes.copyOf(secret.getBytes(UTF_8))));
  }

  @Test
  void forVault_twice_connectsOnceButAsksTheEkmEachTime() {
    Vault v = vault();
    ekm.then(200, ACTIVE).then(200, ACTIVE);

    ExternalVault first = clients.forVault(v, () -> endpoint, sealer::open);
    ExternalVault second = clients.forVault(v, () -> endpoint, sealer::open);
    first.vault("r1");
    second.vault("r2");

    assertThat(second).isSameAs(first);
    assertThat(clients.vaultClients()).isEqualTo(1);
    assertThat(ekm.seen()).extracting(ScriptedEkm.Seen::requestId).containsExactly("r1", "r2");
  }

  @Test
  void forVault_otherEndpointIdentity_connectsAgainOnceThenKeepsIt() {
    Vault v = vault();
    ExternalVault first = clients.forVault(v, "", () -> endpoint, sealer::open);
    java.util.concurrent.atomic.AtomicInteger reads =
        new java.util.concurrent.atomic.AtomicInteger();

    // The endpoint read lags behind the identity asked for: the client keeps what it was made with.
    ExternalVault second =
        clients.forVault(
            v,
            "rotated",
            () -> {
              reads.incrementAndGet();
              return endpoint;
            },
            sealer::open);

    assertThat(second).isNotSameAs(first);
    assertThat(reads).hasValue(1);
    assertThat(clients.forVault(v, "", () -> endpoint, sealer::open)).isSameAs(second);
    assertThat(clients.vaultClients()).isEqualTo(1);
  }

  @Test
  void forget_thenForVault_connectsAgain() {
    Vault v = vault();
    ExternalVault first = clients.forVault(v, () -> endpoint, sealer::open);

    clients.forget(v.id());

    assertThat(clients.forVault(v, () -> endpoint, sealer::open)).isNotSameAs(first);
  }

  @Test
  void forVault_moreVaultsThanTheBound_keepsAtMostTheBound() {
    try (EkmClients bounded = clients(3)) {
      for (int i = 0; i < 10; i++) {
        ekm.then(200, ACTIVE);
        bounded.forVault(vault(), () -> endpoint, sealer::open).vault("r" + i);
        assertThat(bounded.vaultClients()).isLessThanOrEqualTo(3);
      }
    }
  }

  @Test
  void open_sealedSecretOfAnotherVault_cannotBeUsed() {
    Vault other = vault();
    Vault stolen = vault("ocid1.vault.oc1.." + Randoms.hex(8), other.sealedSecret());

    assertThatThrownBy(() -> clients.open(stolen, endpoint, sealer::open).vault("r"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not open");
    assertThat(ekm.seen()).isEmpty();
  }
}
