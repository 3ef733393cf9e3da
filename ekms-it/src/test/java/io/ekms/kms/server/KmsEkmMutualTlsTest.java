package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oracle.bmc.model.BmcException;
import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.WireSecret;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import io.ekms.core.tls.ServerIdentity;
import io.ekms.kms.domain.ClientCertificate;
import io.ekms.kms.domain.EkmAddress;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.ekmclient.EkmClients;
import io.ekms.kms.external.EkmException;
import io.ekms.kms.external.ExternalVault;
import io.ekms.kms.service.SecretSealer;
import io.ekms.sdk.KmsException;
import io.ekms.sdk.model.PrivateEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS between the KMS and the EKM, end to end over HTTPS on loopback: the EKM requires
 * client certificates from the KMS's CA on its API listener, the private endpoint holds the KMS's
 * certificate, and every crypto call is made with the OCI Java SDK. Each test sets the endpoint's
 * certificate it needs first.
 */
class KmsEkmMutualTlsTest {
  private static MutualTlsWorld w;

  @BeforeAll
  static void start() throws Exception {
    w = new MutualTlsWorld();
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  @Test
  void encrypt_rightCertificate_isAccepted() {
    ServerIdentity right = MutualTlsWorld.client(w.kmsCa);
    PrivateEndpoint shown = w.present(right);
    assertThat(w.encrypt("hello")).isNotBlank();
    assertThat(shown.clientCertificateSummary().subject()).isEqualTo("CN=ekms-kms");
    assertThat(shown.clientCertificateSummary().sha256Fingerprint()).hasSize(64);
    assertThat(w.ekms.getPrivateEndpoint(w.endpointId).toString()).doesNotContain("PRIVATE KEY");
  }

  @Test
  void encrypt_noCertificate_isRefused() throws Exception {
    assertThat(w.present(null).clientCertificateSummary()).isNull();
    assertThatThrownBy(() -> w.encrypt("hello"))
        .isInstanceOfSatisfying(
            BmcException.class,
            e -> {
              assertThat(e.getStatusCode()).isIn(409, 503);
              assertThat(e.getMessage()).contains("the EKM refused the KMS's client certificate");
            });
    // Not even with the EKM's trust: without a certificate no request reaches a route.
    HttpClient bare =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(Pem.certificates(w.stack.caFile())))
            .build();
    assertThatThrownBy(
            () ->
                bare.send(
                    HttpRequest.newBuilder(URI.create(w.ekmVaultUrl()))
                        .header("Authorization", "Bearer x")
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void encrypt_certificateOfAnotherCa_isRefused() {
    w.present(MutualTlsWorld.client(w.otherCa));
    assertThatThrownBy(() -> w.encrypt("hello"))
        .isInstanceOfSatisfying(
            BmcException.class,
            e -> {
              assertThat(e.getStatusCode()).isIn(409, 503);
              assertThat(e.getMessage()).contains("the EKM refused the KMS's client certificate");
            });
  }

  @Test
  void update_expiredCertificate_isRefusedWith400() {
    Instant now = Instant.now();
    ServerIdentity expired =
        w.kmsCa.issueClient(
            "ekms-kms", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
    assertThatThrownBy(() -> w.present(expired))
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("InvalidParameter");
              assertThat(e.getMessage()).contains("'clientCertificate' expired at");
            });
  }

  @Test
  void ekmCall_expiredCertificate_isRefusedByTheEkm() throws Exception {
    Instant now = Instant.now();
    ServerIdentity expired =
        w.kmsCa.issueClient(
            "ekms-kms", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
    EkmClients clients = (EkmClients) w.stack.kms().owned();
    try (SecretSealer sealer = new SecretSealer(SecretBytes.adopt(random32()))) {
      // The KMS refuses to store an expired certificate, so one that expired while stored is made
      // here: the KMS's own EKM client presents it to the real EKM.
      assertThat(direct(clients, sealer, MutualTlsWorld.client(w.kmsCa)).vault("r1")).isNotNull();
      ExternalVault stale = direct(clients, sealer, expired);
      assertThatThrownBy(() -> stale.vault("r2")).isInstanceOf(EkmException.class);
    }
  }

  @Test
  void encrypt_certificateRotated_nextCallUsesTheNewOne() {
    w.present(MutualTlsWorld.client(w.kmsCa));
    assertThat(w.encrypt("before")).isNotBlank();
    // The connections made with the first certificate are open; the next call must not use them.
    w.present(MutualTlsWorld.client(w.otherCa));
    assertThatThrownBy(() -> w.encrypt("refused")).isInstanceOf(BmcException.class);
    ServerIdentity rotated = MutualTlsWorld.client(w.kmsCa);
    PrivateEndpoint shown = w.present(rotated);
    assertThat(w.encrypt("after")).isNotBlank();
    assertThat(shown.clientCertificateSummary().sha256Fingerprint())
        .isEqualTo(new ClientCertificate(MutualTlsWorld.chainPem(rotated), "x").fingerprint());
  }

  private static byte[] random32() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return key;
  }

  /** A connection to the world's EKM vault made by the KMS's EKM client, presenting {@code id}. */
  private static ExternalVault direct(EkmClients clients, SecretSealer sealer, ServerIdentity id)
      throws IOException {
    String endpointId = "ocid1.ekmsprivateendpoint.oc1..direct";
    String vaultId = "ocid1.vault.oc1..direct";
    String sealedKey;
    try (WireSecret pem = WireSecret.of(MutualTlsWorld.keyPem(id));
        SecretBytes key = pem.toSecretBytes()) {
      sealedKey = sealer.seal(ClientCertificate.sealId(endpointId), key);
    }
    String sealedSecret;
    try (SecretBytes secret = SecretBytes.adopt(w.clientSecret.getBytes(StandardCharsets.UTF_8))) {
      sealedSecret = sealer.seal(vaultId, secret);
    }
    Instant now = Instant.now();
    var endpoint =
        new io.ekms.kms.domain.PrivateEndpoint(
            endpointId,
            MutualTlsWorld.COMPARTMENT,
            "direct",
            null,
            List.of(new EkmAddress("127.0.0.1", w.stack.ekm().apiPort())),
            Files.readString(w.stack.caFile()),
            Lifecycle.ACTIVE,
            now,
            now,
            new ClientCertificate(MutualTlsWorld.chainPem(id), sealedKey));
    var vault =
        new io.ekms.kms.domain.Vault(
            vaultId,
            MutualTlsWorld.COMPARTMENT,
            "direct",
            Lifecycle.ACTIVE,
            w.ekmVaultUrl(),
            endpointId,
            w.stack.identity().issuer(),
            w.clientId,
            sealedSecret,
            "ekms",
            now,
            now,
            null);
    return clients.open(vault, endpoint, sealer::open);
  }
}
