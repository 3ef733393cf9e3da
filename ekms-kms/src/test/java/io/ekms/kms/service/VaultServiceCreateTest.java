package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static io.ekms.kms.service.Refusals.assertExternal;
import static io.ekms.kms.service.ServiceBed.HOST;
import static io.ekms.kms.service.ServiceBed.PORT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.SecretBytes;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.EkmUnavailable;
import io.ekms.kms.external.FakeExternalVaults.FakeVault;
import io.ekms.kms.external.IdentityFailure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Creating an EXTERNAL vault: the URL rules and the EKM check that comes first. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultServiceCreateTest {
  private static final String IDCS = "https://identity.example.test";
  private static final String URL = "https://" + HOST + ":" + PORT + "/oci/ekm/v1/vaults/";
  private final ServiceBed bed = new ServiceBed();
  private PrivateEndpoint endpoint;

  @BeforeEach
  void reset() {
    bed.reset();
    endpoint = bed.endpoint();
  }

  @AfterAll
  void close() {
    bed.close();
  }

  @Test
  void create_activeEkmVault_isActiveWithVendorAndOnlyTheSealedSecret() {
    ServiceBed.Made made = bed.vault();

    Vault v = bed.vaults.get(bed.caller(), made.vault().id());
    assertThat(v.state()).isEqualTo(Lifecycle.ACTIVE);
    assertThat(v.vendor()).isEqualTo("fake-ekm");
    assertThat(v.timeOfDeletion()).isNull();
    String opened =
        bed.sealer
            .open(v.id(), v.sealedSecret())
            .reveal(b -> new String(b, StandardCharsets.UTF_8));
    assertThat(opened).startsWith("secret-");
    assertThat(v.sealedSecret()).doesNotContain(opened);
    assertThat(v.toString()).doesNotContain(v.sealedSecret());
  }

  @Test
  void create_ekmVaultBlocked_isExternalIncorrectStateAndNothingStored() {
    FakeVault external = bed.ekm.addVault(URL + "blocked", "client", "s");
    external.state = "BLOCKED";
    int before = listed();

    assertExternal(() -> create(URL + "blocked", "client", "s"), EkmRefused.Unusable.class);

    assertThat(listed()).isEqualTo(before);
  }

  @Test
  void create_ekmAnswersStateBlocked_isIncorrectState() {
    bed.ekm.addVault(URL + "reports-blocked", "client", "s").reportedState = "BLOCKED";

    assertApiError(
        () -> create(URL + "reports-blocked", "client", "s"),
        KmsError.INCORRECT_STATE,
        "is BLOCKED, not ACTIVE");
  }

  @Test
  void create_ekmUnreachable_isExternalUnavailableAndNothingStored() {
    bed.ekm.addVault(URL + "down", "client", "s");
    bed.ekm.unreachable(true);
    int before = listed();

    assertExternal(() -> create(URL + "down", "client", "s"), EkmUnavailable.class);

    assertThat(listed()).isEqualTo(before);
  }

  @Test
  void create_wrongClientSecret_isExternalUnavailable() {
    bed.ekm.addVault(URL + "secret", "client", "right");

    assertExternal(() -> create(URL + "secret", "client", "wrong"), IdentityFailure.class);
  }

  @Test
  void create_noSuchEkmVault_isExternalNotFound() {
    assertExternal(() -> create(URL + "nothing-here", "client", "s"), EkmRefused.NotFound.class);
  }

  @Test
  void create_ipv6EndpointAndBracketedUrlHost_matchAndReachTheEkm() {
    PrivateEndpoint v6 =
        bed.endpoints.create(
            bed.caller(),
            new PrivateEndpointService.Create(
                bed.compartment, "ekm6", null, "::1", PORT, ServiceBed.CA_PEM));
    String url = "https://[::1]:" + PORT + "/oci/ekm/v1/vaults/v6";
    bed.ekm.addVault(url, "client", "s");
    Vault vault = bed.vaults.create(bed.caller(), bed.vaultCreate(v6.id(), url, "client", "s"));
    assertThat(vault.externalVaultEndpointUrl()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://other.example.test:8443/v",
        "https://" + HOST + ":9443/v",
        "https://" + HOST + "/v",
      })
  void create_urlNotAtTheEndpointsHostAndPort_isInvalidParameter(String url) {
    int asked = bed.ekm.calls("vault");
    assertApiError(() -> create(url, "client", "s"), KmsError.INVALID_PARAMETER, HOST + ":" + PORT);
    assertThat(bed.ekm.calls("vault")).isEqualTo(asked);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://" + HOST + ":8443/v",
        "ftp://" + HOST + ":8443/v",
        "https://user:pw@" + HOST + ":8443/v",
        "https:" + HOST,
        "not a url",
        "https://[::1",
        "https://" + HOST + ":8443/v?query=1",
        "https://" + HOST + ":8443/v#fragment",
        "https://" + HOST + ":8443",
        "https://" + HOST + ":8443/",
      })
  void create_urlNotHttps_isInvalidParameter(String url) {
    assertApiError(() -> create(url, "client", "s"), KmsError.INVALID_PARAMETER, "https URL");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://metadata.example.test",
        "https://169.254.169.254/oauth",
        "https://[fd00:ec2::254]",
        "https://2852039166",
        "https://nowhere.invalid"
      })
  void create_identityHostRefusedByTheEgressPolicy_isInvalidParameterAndNothingConnects(
      String idcs) {
    int connects = bed.ekm.calls("connect");

    assertApiError(
        () -> create("EXTERNAL", idcs, "client", secret("s")),
        KmsError.INVALID_PARAMETER,
        "'idcsAccountNameUrl' ");
    assertThat(bed.ekm.calls("connect")).isEqualTo(connects);
  }

  @Test
  void create_notExternalType_isInvalidParameter() {
    assertApiError(
        () -> create("DEFAULT", IDCS, "client", secret("s")),
        KmsError.INVALID_PARAMETER,
        "EXTERNAL");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://identity.example.test",
        "https://identity.example.test/?q=1",
        "https://identity.example.test/#f",
        "https://u@identity.example.test"
      })
  void create_identityUrlNotAPlainHttpsUrl_isInvalidParameter(String idcs) {
    assertApiError(
        () -> create("EXTERNAL", idcs, "client", secret("s")),
        KmsError.INVALID_PARAMETER,
        "idcsAccountNameUrl");
  }

  @Test
  void create_clientSecretMissingOrEmptyOrClientIdBlank_isRefused() {
    assertApiError(
        () -> create("EXTERNAL", IDCS, "client", null),
        KmsError.MISSING_PARAMETER,
        "clientAppSecret");
    assertApiError(
        () -> create("EXTERNAL", IDCS, "client", secret("")),
        KmsError.MISSING_PARAMETER,
        "clientAppSecret");
    assertApiError(
        () -> create("EXTERNAL", IDCS, " ", secret("s")),
        KmsError.MISSING_PARAMETER,
        "clientAppId");
  }

  @Test
  void create_unknownPrivateEndpoint_isNotFound() {
    var in = bed.vaultCreate("ocid1.ekmsprivateendpoint.oc1..nothere", URL + "x", "c", "s");

    assertApiError(
        () -> bed.vaults.create(bed.caller(), in),
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND,
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
  }

  private Vault create(String type, String idcs, String clientId, SecretBytes secret) {
    bed.ekm.addVault(URL + "v", "client", "s");
    return bed.vaults.create(
        bed.caller(),
        new VaultService.Create(
            bed.compartment, null, type, URL + "v", endpoint.id(), idcs, clientId, secret));
  }

  private static SecretBytes secret(String value) {
    return SecretBytes.copyOf(value.getBytes(StandardCharsets.UTF_8));
  }

  private Vault create(String url, String clientId, String secret) {
    return bed.vaults.create(bed.caller(), bed.vaultCreate(endpoint.id(), url, clientId, secret));
  }

  private int listed() {
    return bed.vaults.list(bed.caller(), bed.compartment, Page.of(null, 1000)).size();
  }
}
