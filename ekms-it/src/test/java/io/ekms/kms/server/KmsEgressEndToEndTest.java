package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.oracle.bmc.keymanagement.model.CreateEkmsPrivateEndpointDetails;
import com.oracle.bmc.keymanagement.model.CreateVaultDetails;
import com.oracle.bmc.keymanagement.model.EkmsPrivateEndpoint;
import com.oracle.bmc.keymanagement.model.ExternalKeyManagerMetadata;
import com.oracle.bmc.keymanagement.model.OauthMetadata;
import com.oracle.bmc.keymanagement.requests.CreateEkmsPrivateEndpointRequest;
import com.oracle.bmc.keymanagement.requests.CreateVaultRequest;
import com.oracle.bmc.model.BmcException;
import io.ekms.admin.client.IdentityAdmin;
import java.net.ServerSocket;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a real KMS refuses to connect on a caller's behalf (its stack allows loopback, identity
 * servers at 127.0.0.1 only), what callers learn when it cannot reach a peer, and what failed
 * attempts leave behind.
 */
class KmsEgressEndToEndTest {
  static SdkWorld w;

  @BeforeAll
  static void start() throws Exception {
    w = new SdkWorld();
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "169.254.169.254",
        "::ffff:169.254.169.254",
        "fd00:ec2::254",
        "fe80::1",
        "0.0.0.0",
        "224.0.0.1",
        "2852039166",
        "0251.0376.0251.0376",
        "0xa9.0xfe.0xa9.0xfe",
        "169.254.43518"
      })
  void createPrivateEndpoint_metadataLinkLocalOrLookalikeHost_is400InvalidParameter(String host) {
    BmcException e = refusal(() -> createEndpoint(host, 443));

    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(e.getServiceCode()).isEqualTo("InvalidParameter");
    assertThat(e.getUnmodifiedMessage()).startsWith("'externalKeyManagerIp' ");
  }

  @Test
  void createPrivateEndpoint_theKmsOwnAdminListener_is400InvalidParameter() {
    BmcException e = refusal(() -> createEndpoint("127.0.0.1", w.stack.kms().adminPort()));

    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(e.getServiceCode()).isEqualTo("InvalidParameter");
    assertThat(e.getUnmodifiedMessage()).contains("the KMS's own API or admin listener");
  }

  @Test
  void createVault_identityHostNotAllowed_is400AndNothingConnects() throws Exception {
    try (SilentListener identity = new SilentListener()) {
      // localhost is loopback like 127.0.0.1, but not among the stack's identity hosts
      BmcException e =
          refusal(
              () ->
                  createVault(
                      w.endpoint.getId(),
                      w.ekmVaultUrl(),
                      "https://localhost:" + identity.port(),
                      w.clientId,
                      w.clientSecret));

      assertThat(e.getStatusCode()).isEqualTo(400);
      assertThat(e.getServiceCode()).isEqualTo("InvalidParameter");
      assertThat(e.getUnmodifiedMessage())
          .startsWith("'idcsAccountNameUrl' ")
          .contains("egress.identityHosts");
      assertThat(identity.accepted()).isZero();
    }
  }

  @Test
  void createVault_identityAtMetadataAddress_is400InvalidParameter() {
    BmcException e =
        refusal(
            () ->
                createVault(
                    w.endpoint.getId(),
                    w.ekmVaultUrl(),
                    "https://169.254.169.254",
                    w.clientId,
                    w.clientSecret));

    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(e.getServiceCode()).isEqualTo("InvalidParameter");
    assertThat(e.getUnmodifiedMessage()).startsWith("'idcsAccountNameUrl' ");
  }

  @Test
  void createVault_identitySilentThenClosed_sameAnswerWithoutJdkText() throws Exception {
    SilentListener identity = new SilentListener();
    String url = "https://127.0.0.1:" + identity.port();
    BmcException silent = vaultFailure(w.endpoint.getId(), w.ekmVaultUrl(), url);
    assertThat(identity.accepted()).isPositive();
    identity.close();
    BmcException closed = vaultFailure(w.endpoint.getId(), w.ekmVaultUrl(), url);

    assertSameUnreachableAnswer(silent, closed);
    assertThat(closed.getUnmodifiedMessage()).contains("identity server").contains(url);
  }

  @Test
  void createVault_ekmSilentThenClosed_sameAnswerWithoutJdkText() throws Exception {
    SilentListener ekm = new SilentListener();
    String vaultUrl = "https://127.0.0.1:" + ekm.port() + "/oci/ekm/v1/vaults/vlt-silent";
    IdentityAdmin.Client client =
        w.newIdentityClient("silent", "https://127.0.0.1:" + ekm.port() + "/");
    String endpointId = createEndpoint("127.0.0.1", ekm.port()).getId();
    BmcException silent = vaultFailure(endpointId, vaultUrl, client);
    assertThat(ekm.accepted()).isPositive();
    ekm.close();
    BmcException closed = vaultFailure(endpointId, vaultUrl, client);

    assertSameUnreachableAnswer(silent, closed);
    assertThat(closed.getUnmodifiedMessage()).contains("the EKM is unreachable");
  }

  @Test
  void createVault_twelveUnreachableIdentityServers_leaveNoHttpClientBehind() throws Exception {
    int before = w.openHttpClients();
    for (int i = 0; i < 12; i++) {
      int closedPort;
      try (ServerSocket s = new ServerSocket(0)) {
        closedPort = s.getLocalPort();
      }
      BmcException e =
          vaultFailure(w.endpoint.getId(), w.ekmVaultUrl(), "https://127.0.0.1:" + closedPort);
      assertThat(e.getStatusCode()).isEqualTo(409);
    }

    assertThat(w.openHttpClients()).isLessThanOrEqualTo(before);
  }

  /** What {@code call} was refused with; the assertion fails if it succeeded. */
  private static BmcException refusal(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("the KMS's refusal").isInstanceOf(BmcException.class);
    return (BmcException) thrown;
  }

  private static void assertSameUnreachableAnswer(BmcException silent, BmcException closed) {
    for (BmcException e : new BmcException[] {silent, closed}) {
      assertThat(e.getStatusCode()).isEqualTo(409);
      assertThat(e.getServiceCode()).isEqualTo("ExternalServerIncorrectState");
      assertThat(e.getUnmodifiedMessage())
          .contains("unreachable")
          .doesNotContain("Exception")
          .doesNotContain("timed out")
          .doesNotContain("refused")
          .doesNotContain("java.");
    }
    assertThat(silent.getUnmodifiedMessage()).isEqualTo(closed.getUnmodifiedMessage());
  }

  private static BmcException vaultFailure(String endpointId, String vaultUrl, String identity) {
    return refusal(() -> createVault(endpointId, vaultUrl, identity, w.clientId, w.clientSecret));
  }

  private static BmcException vaultFailure(
      String endpointId, String vaultUrl, IdentityAdmin.Client client) {
    return refusal(
        () -> createVault(endpointId, vaultUrl, w.identityUrl(), client.id(), client.secret()));
  }

  private static EkmsPrivateEndpoint createEndpoint(String host, int port) throws Exception {
    return w.sdk
        .ekm(w.stack.kms().baseUrl())
        .createEkmsPrivateEndpoint(
            CreateEkmsPrivateEndpointRequest.builder()
                .createEkmsPrivateEndpointDetails(
                    CreateEkmsPrivateEndpointDetails.builder()
                        .compartmentId(SdkWorld.COMPARTMENT)
                        .displayName("egress")
                        .subnetId("ocid1.subnet.oc1..s")
                        .externalKeyManagerIp(host)
                        .port(port)
                        .caBundle(w.caPem())
                        .build())
                .build())
        .getEkmsPrivateEndpoint();
  }

  private static void createVault(
      String endpointId, String vaultUrl, String identityUrl, String clientId, String secret) {
    w.vaults.createVault(
        CreateVaultRequest.builder()
            .createVaultDetails(
                CreateVaultDetails.builder()
                    .compartmentId(SdkWorld.COMPARTMENT)
                    .displayName("egress")
                    .vaultType(CreateVaultDetails.VaultType.External)
                    .externalKeyManagerMetadata(
                        ExternalKeyManagerMetadata.builder()
                            .externalVaultEndpointUrl(vaultUrl)
                            .privateEndpointId(endpointId)
                            .oauthMetadata(
                                OauthMetadata.builder()
                                    .idcsAccountNameUrl(identityUrl)
                                    .clientAppId(clientId)
                                    .clientAppSecret(secret)
                                    .build())
                            .build())
                    .build())
            .build());
  }
}
