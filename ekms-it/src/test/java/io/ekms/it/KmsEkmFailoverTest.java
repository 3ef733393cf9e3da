package io.ekms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.sdk.KmsClient;
import io.ekms.sdk.KmsException;
import io.ekms.sdk.model.DecryptedData;
import io.ekms.sdk.model.EncryptedData;
import io.ekms.sdk.model.Key;
import io.ekms.sdk.model.PrivateEndpoint;
import io.ekms.sdk.model.Vault;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackPorts;
import io.ekms.stack.StackTenant;
import io.ekms.testing.TempDirs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * EKM failover through the whole system: a KMS private endpoint lists the real EKM of a {@link
 * LoopbackStack} together with another node that refuses connections, fails with 5xx, or would
 * serve anything. Calls go through the KMS API over HTTPS; the EKM's refusal is never asked of the
 * other node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmsEkmFailoverTest {
  private LoopbackStack stack;
  private StackTenant tenant;
  private KmsClient kms;

  @BeforeAll
  void start() throws IOException {
    stack = LoopbackStack.start(TempDirs.create("failover-"), StackPorts.EPHEMERAL);
    tenant =
        StackTenant.provision(stack, "failover", "ocid1.tenancy.oc1..fo", "ocid1.tenancy.oc1..fo");
    kms = tenant.client(stack);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void encrypt_firstNodeRefusesConnections_servedByTheRealEkm() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String keyId = keyBehind(List.of(closed, stack.ekm().apiPort()), "");

    roundTrip(keyId);
  }

  @Test
  void encrypt_firstNodeAnswers503_servedByTheRealEkmAndTheFailingNodeWasAsked() {
    try (FakeEkmNode failing = new FakeEkmNode(503)) {
      String keyId =
          keyBehind(List.of(failing.port(), stack.ekm().apiPort()), failing.ca.certificatePem());

      roundTrip(keyId);
      assertThat(failing.requests.get()).isPositive();
    }
  }

  @Test
  void encrypt_keyDisabledInTheRealEkm_refusedAndTheNodeThatWouldServeIsNeverAsked() {
    try (FakeEkmNode permissive = new FakeEkmNode(200)) {
      String ekmKey = stack.ekmAdmin().createKey(tenant.ekmVaultId(), "to-disable");
      String keyId =
          keyBehind(
              List.of(stack.ekm().apiPort(), permissive.port()),
              permissive.ca.certificatePem(),
              ekmKey);
      roundTrip(keyId);
      stack.ekmAdmin().keyAction(tenant.ekmVaultId(), ekmKey, "disable");

      assertThatThrownBy(
              () ->
                  kms.crypto(vaultId)
                      .encrypt(keyId, "secret".getBytes(StandardCharsets.UTF_8), Map.of()))
          .isInstanceOfSatisfying(
              KmsException.class,
              e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.code()).isEqualTo("IncorrectState");
              });
      assertThat(permissive.requests.get()).isZero();
    }
  }

  private String vaultId;

  /**
   * A KMS vault and key over a private endpoint to 127.0.0.1 at {@code ports}, in order. The vault
   * URL names the real EKM, whose origin is the audience its tokens are asked for.
   */
  private String keyBehind(List<Integer> ports, String extraCa) {
    return keyBehind(ports, extraCa, tenant.ekmKeyId());
  }

  private String keyBehind(List<Integer> ports, String extraCa, String ekmKeyId) {
    PrivateEndpoint endpoint =
        kms.createPrivateEndpoint(
            new PrivateEndpoint.Create(
                tenant.compartmentId(),
                "failover",
                "ocid1.subnet.oc1..fo",
                null,
                null,
                read(stack.caFile()) + extraCa,
                ports.stream().map(p -> "127.0.0.1:" + p).toList()));
    assertThat(endpoint.externalKeyManagerAddresses()).hasSize(ports.size());
    Vault vault =
        kms.createVault(
            Vault.Create.external(
                tenant.compartmentId(),
                "failover",
                new Vault.Metadata(
                    stack.ekmUrl() + "/oci/ekm/v1/vaults/" + tenant.ekmVaultId(),
                    endpoint.id(),
                    new Vault.Oauth(
                        stack.identity().issuer(),
                        tenant.oauthClient().id(),
                        tenant.oauthClient().secret()))));
    vaultId = vault.id();
    return kms.management(vault.id())
        .createKey(Key.Create.external(tenant.compartmentId(), "failover", ekmKeyId))
        .id();
  }

  private void roundTrip(String keyId) {
    byte[] plaintext = "through the other node".getBytes(StandardCharsets.UTF_8);
    EncryptedData sealed = kms.crypto(vaultId).encrypt(keyId, plaintext, Map.of());
    try (DecryptedData opened = kms.crypto(vaultId).decrypt(keyId, sealed.ciphertext(), Map.of())) {
      assertThat(opened.plaintext().contentEquals(plaintext)).isTrue();
    }
  }

  private static String read(java.nio.file.Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
