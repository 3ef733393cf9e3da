package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oracle.bmc.keymanagement.model.CreateEkmsPrivateEndpointDetails;
import com.oracle.bmc.keymanagement.model.CreateVaultDetails;
import com.oracle.bmc.keymanagement.model.EncryptDataDetails;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.requests.CreateEkmsPrivateEndpointRequest;
import com.oracle.bmc.keymanagement.requests.CreateVaultRequest;
import com.oracle.bmc.keymanagement.requests.EncryptRequest;
import com.oracle.bmc.keymanagement.requests.GetKeyRequest;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.retrier.RetryConfiguration;
import io.ekms.core.tls.LocalCa;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What happens when the EKM is down or untrusted, and when a caller may not do something. */
class KmsFailureEndToEndTest {
  static SdkWorld w;

  @BeforeAll
  static void start() throws Exception {
    w = new SdkWorld();
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  static EncryptRequest encryptOnce(String keyId) {
    return EncryptRequest.builder()
        .encryptDataDetails(
            EncryptDataDetails.builder().keyId(keyId).plaintext(SdkWorld.b64("x")).build())
        .retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
        .build();
  }

  @Test
  void ekmStopped_encryptIs409WithinTheTimeout_andRecoversWithoutRestart() throws Exception {
    Key key = w.newKey("outage");
    w.encrypt(key.getId(), "warm", null);
    w.stack.stopEkm();
    try {
      // Within the timeout by reason, not by stopwatch: the EKM is unreachable (refused), which
      // no timeout is waited for; an EKM that stopped answering would say it did not in time.
      assertThatThrownBy(() -> w.crypto.encrypt(encryptOnce(key.getId())))
          .isInstanceOfSatisfying(
              BmcException.class,
              e -> {
                assertThat(e.getStatusCode()).isEqualTo(409);
                assertThat(e.getServiceCode()).isEqualTo("ExternalServerIncorrectState");
                assertThat(e.getMessage()).contains("is unreachable");
              });
    } finally {
      w.stack.startEkm();
    }
    assertThat(w.decrypt(key.getId(), w.encrypt(key.getId(), "back", null), null))
        .isEqualTo("back");
  }

  @Test
  void ekmCertificateOutsideTheCaBundle_vaultCreationRefused() {
    String otherCa = LocalCa.create("someone else").certificatePem();
    var endpoint =
        w.sdk
            .ekm(w.stack.kms().baseUrl())
            .createEkmsPrivateEndpoint(
                CreateEkmsPrivateEndpointRequest.builder()
                    .createEkmsPrivateEndpointDetails(
                        CreateEkmsPrivateEndpointDetails.builder()
                            .compartmentId(SdkWorld.COMPARTMENT)
                            .displayName("wrong-ca")
                            .subnetId("ocid1.subnet.oc1..s")
                            .externalKeyManagerIp("127.0.0.1")
                            .port(w.ekmPort)
                            .caBundle(otherCa)
                            .build())
                    .build())
            .getEkmsPrivateEndpoint();
    assertThatThrownBy(
            () ->
                w.vaults.createVault(
                    CreateVaultRequest.builder()
                        .createVaultDetails(
                            CreateVaultDetails.builder()
                                .compartmentId(SdkWorld.COMPARTMENT)
                                .displayName("untrusted")
                                .vaultType(CreateVaultDetails.VaultType.External)
                                .externalKeyManagerMetadata(
                                    w.metadata(endpoint.getId(), w.clientSecret))
                                .build())
                        .build()))
        .isInstanceOfSatisfying(
            BmcException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(409);
              assertThat(e.getServiceCode()).isEqualTo("ExternalServerIncorrectState");
              assertThat(e.getMessage()).contains("not trusted");
            });
  }

  @Test
  void wrongClientSecret_vaultCreationRefusedWithAClearReason() {
    assertThatThrownBy(
            () ->
                w.vaults.createVault(
                    CreateVaultRequest.builder()
                        .createVaultDetails(
                            CreateVaultDetails.builder()
                                .compartmentId(SdkWorld.COMPARTMENT)
                                .displayName("bad-secret")
                                .vaultType(CreateVaultDetails.VaultType.External)
                                .externalKeyManagerMetadata(
                                    w.metadata(w.endpoint.getId(), "not-the-secret"))
                                .build())
                        .build()))
        .isInstanceOfSatisfying(
            BmcException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(409);
              assertThat(e.getServiceCode()).isEqualTo("ExternalServerIncorrectState");
              assertThat(e.getMessage()).doesNotContain("not-the-secret");
            });
  }

  @Test
  void requestSignedWithAnUnregisteredKey_is401() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    OciSdk impostor =
        new OciSdk(
            SdkWorld.TENANCY,
            w.user.userId(),
            w.user.fingerprint(),
            g.generateKeyPair().getPrivate(),
            w.stack.caFile());
    Key key = w.newKey("impostor");
    assertThatThrownBy(
            () -> impostor.crypto(w.vault.getCryptoEndpoint()).encrypt(encryptOnce(key.getId())))
        .isInstanceOfSatisfying(
            BmcException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(401);
              assertThat(e.getServiceCode()).isEqualTo("NotAuthenticated");
            });
  }

  @Test
  void userWithReadOnly_mayGetButNotUse_404() throws Exception {
    var reader = w.newUser("reader", "read");
    OciSdk sdk =
        new OciSdk(
            SdkWorld.TENANCY,
            reader.userId(),
            reader.fingerprint(),
            reader.privateKey(),
            w.stack.caFile());
    Key key = w.newKey("guarded");
    var management = sdk.management(w.vault.getManagementEndpoint());
    assertThat(
            management.getKey(GetKeyRequest.builder().keyId(key.getId()).build()).getKey().getId())
        .isEqualTo(key.getId());
    assertThatThrownBy(
            () -> sdk.crypto(w.vault.getCryptoEndpoint()).encrypt(encryptOnce(key.getId())))
        .isInstanceOfSatisfying(
            BmcException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(404);
              assertThat(e.getServiceCode()).isEqualTo("NotAuthorizedOrNotFound");
            });
  }

  @Test
  void requestId_isForwardedToTheEkm_andBothAuditsRecordIt() throws Exception {
    Key key = w.newKey("correlated");
    String requestId = "corr-" + System.nanoTime();
    w.crypto.encrypt(
        EncryptRequest.builder()
            .opcRequestId(requestId)
            .encryptDataDetails(
                EncryptDataDetails.builder()
                    .keyId(key.getId())
                    .plaintext(SdkWorld.b64("traced"))
                    .loggingContext(Map.of("app", "billing"))
                    .build())
            .build());
    var ekmAudit = w.stack.ekmAdmin().audit(requestId);
    assertThat(ekmAudit.toString()).contains("\"operation\":\"Encrypt\"");
    var kmsAudit = w.stack.kmsAdmin().audit(requestId);
    assertThat(kmsAudit.toString())
        .contains("\"operation\":\"Encrypt\"")
        .contains("loggingContext.app")
        .contains(w.user.userId());
  }
}
