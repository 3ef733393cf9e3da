package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.domain.EkmAddress;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A private endpoint with several EKM addresses: stored in order, each one checked. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateEndpointAddressesTest {
  private final ServiceBed bed = new ServiceBed();

  @BeforeEach
  void reset() {
    bed.reset();
  }

  @AfterAll
  void close() {
    bed.close();
  }

  @Test
  void create_addresses_storedInOrderAndTheFirstIsHostAndPort() {
    PrivateEndpoint p = create(null, null, "ekm-1.example.test:8443", "10.0.0.6", "[fd00::5]:9443");

    PrivateEndpoint read = bed.endpoints.get(bed.caller(), p.id());
    assertThat(read).isEqualTo(p);
    assertThat(read.addresses())
        .containsExactly(
            new EkmAddress("ekm-1.example.test", 8443),
            new EkmAddress("10.0.0.6", 443),
            new EkmAddress("fd00::5", 9443));
    assertThat(read.host()).isEqualTo("ekm-1.example.test");
    assertThat(read.port()).isEqualTo(8443);
  }

  @Test
  void create_ipAndPortWithAddressesStartingWithThem_isAccepted() {
    PrivateEndpoint p =
        create("ekm-1.example.test", 8443, "EKM-1.example.test:8443", "ekm-2.example.test:8443");

    assertThat(p.addresses()).hasSize(2);
  }

  @Test
  void create_ipAndPortNotTheFirstAddress_isInvalidParameter() {
    assertApiError(
        () -> create("ekm-2.example.test", 8443, "ekm-1.example.test:8443"),
        KmsError.INVALID_PARAMETER,
        "must be its first address");
  }

  @Test
  void create_oneAddressTheOldWay_listsThatOne() {
    PrivateEndpoint p = bed.endpoint();

    assertThat(bed.endpoints.get(bed.caller(), p.id()).addresses())
        .containsExactly(new EkmAddress(ServiceBed.HOST, ServiceBed.PORT));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ekm.example.test:0        | externalKeyManagerAddresses[1]' must be host:port",
        "ekm.example.test:65536    | externalKeyManagerAddresses[1]' must be host:port",
        "ekm.example.test:https    | externalKeyManagerAddresses[1]' must be host:port",
        "fd00::5:443               | externalKeyManagerAddresses[1]' must be host:port",
        "[fd00::5                  | externalKeyManagerAddresses[1]' must be host:port",
        ":443                      | externalKeyManagerAddresses[1]' must be host:port",
        "ekm.example.test/x:443    | externalKeyManagerAddresses[1]' must be an IP address",
        "169.254.169.254:443       | externalKeyManagerAddresses[1]' is a link-local address",
        "metadata.example.test:443 | externalKeyManagerAddresses[1]' resolves to a link-local",
        "gone.invalid:443          | externalKeyManagerAddresses[1]' does not resolve",
        "ekm-1.example.test:8443   | externalKeyManagerAddresses[1]' repeats an earlier address",
      })
  void create_badSecondAddress_isInvalidParameterNamingTheEntry(String entry, String message) {
    assertApiError(
        () -> create(null, null, "ekm-1.example.test:8443", entry),
        KmsError.INVALID_PARAMETER,
        message);
  }

  @Test
  void create_emptyOrTooManyAddresses_isInvalidParameter() {
    assertApiError(
        () -> create(null, null), KmsError.INVALID_PARAMETER, "must hold 1 to 8 addresses");
    String[] nine = new String[9];
    Arrays.setAll(nine, i -> "ekm-" + i + ".example.test:443");
    assertApiError(
        () -> create(null, null, nine), KmsError.INVALID_PARAMETER, "must hold 1 to 8 addresses");
  }

  @Test
  void create_nullEntry_isInvalidParameter() {
    assertApiError(
        () -> createList(null, null, Arrays.asList("ekm-1.example.test:443", null)),
        KmsError.INVALID_PARAMETER,
        "'externalKeyManagerAddresses[1]' must be host:port");
  }

  @Test
  void createVault_urlOnTheSecondAddress_isAccepted() {
    PrivateEndpoint p = create(null, null, "ekm-1.example.test:8443", "ekm-2.example.test:9443");
    String url = "https://ekm-2.example.test:9443/oci/ekm/v1/vaults/v2";
    bed.ekm.addVault(url, "client", "s");

    Vault vault = bed.vaults.create(bed.caller(), bed.vaultCreate(p.id(), url, "client", "s"));

    assertThat(vault.externalVaultEndpointUrl()).isEqualTo(url);
  }

  @Test
  void createVault_urlOnNoneOfTheAddresses_isInvalidParameterListingThem() {
    PrivateEndpoint p = create(null, null, "ekm-1.example.test:8443", "ekm-2.example.test:9443");
    String url = "https://ekm-2.example.test:8443/oci/ekm/v1/vaults/v2";
    bed.ekm.addVault(url, "client", "s");

    assertApiError(
        () -> bed.vaults.create(bed.caller(), bed.vaultCreate(p.id(), url, "client", "s")),
        KmsError.INVALID_PARAMETER,
        "one of the private endpoint's addresses (ekm-1.example.test:8443, ekm-2.example.test:9443)");
  }

  private PrivateEndpoint create(String host, Integer port, String... addresses) {
    return createList(host, port, List.of(addresses));
  }

  private PrivateEndpoint createList(String host, Integer port, List<String> addresses) {
    return bed.endpoints.create(
        bed.caller(),
        new PrivateEndpointService.Create(
            bed.compartment, "ekm", null, host, port, ServiceBed.CA_PEM, addresses));
  }
}
