package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.PrivateEndpoint;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateEndpointServiceTest {
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
  void create_thenGet_isActiveWithHostPortAndCa() {
    PrivateEndpoint p = bed.endpoint();

    assertThat(bed.endpoints.get(bed.caller(), p.id())).isEqualTo(p);
    assertThat(p.state()).isEqualTo(Lifecycle.ACTIVE);
    assertThat(p.host()).isEqualTo(ServiceBed.HOST);
    assertThat(p.port()).isEqualTo(ServiceBed.PORT);
  }

  @Test
  void create_noPort_is443() {
    PrivateEndpoint p = create("10.0.0.7", null, ca());

    assertThat(p.port()).isEqualTo(443);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ekm.example.test/path | 443 | externalKeyManagerIp",
        "ekm example           | 443 | externalKeyManagerIp",
        "ekm.example.test      | 0   | 'port' must be 1 to 65535",
        "ekm.example.test      | 65536 | 'port' must be 1 to 65535",
      })
  void create_badHostOrPort_isInvalidParameter(String host, int port, String message) {
    assertApiError(() -> create(host, port, ca()), KmsError.INVALID_PARAMETER, message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "169.254.169.254       | is a link-local address",
        "::ffff:169.254.169.254 | is a link-local address",
        "fd00:ec2::254         | is a cloud metadata service address",
        "metadata.example.test | resolves to a link-local address",
        "2852039166            | must be an IP address in canonical form",
        "0251.0376.0251.0376   | must be an IP address in canonical form",
        "gone.invalid          | does not resolve",
      })
  void create_hostRefusedByTheEgressPolicy_isInvalidParameterNamingTheRule(
      String host, String rule) {
    assertApiError(
        () -> create(host, 443, ca()),
        KmsError.INVALID_PARAMETER,
        "'externalKeyManagerIp' " + rule);
  }

  @Test
  void create_caBundleNotPem_isInvalidParameter() {
    assertApiError(
        () -> create("ekm.example.test", 443, "-----BEGIN CERTIFICATE-----\nAAAA\n"),
        KmsError.INVALID_PARAMETER,
        "PEM certificates");
    assertApiError(
        () -> create("ekm.example.test", 443, null), KmsError.MISSING_PARAMETER, "caBundle");
  }

  @Test
  void delete_usedByAVault_isIncorrectStateUntilTheVaultIsGone() {
    PrivateEndpoint p = bed.vault().endpoint();

    assertApiError(
        () -> bed.endpoints.delete(bed.caller(), p.id(), null),
        KmsError.INCORRECT_STATE,
        "used by vaults");
  }

  @Test
  void delete_unused_isGoneFromGetAndList() {
    PrivateEndpoint p = bed.endpoint();

    bed.endpoints.delete(bed.caller(), p.id(), null);

    assertApiError(
        () -> bed.endpoints.get(bed.caller(), p.id()),
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND,
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
    assertThat(bed.endpoints.list(bed.caller(), bed.compartment, Page.of(null, 1000)))
        .extracting(PrivateEndpoint::id)
        .doesNotContain(p.id());
  }

  @Test
  void update_renamesButStaleEtagIsNoEtagMatch() {
    PrivateEndpoint p = bed.endpoint();
    String etag = ETags.of(p.id(), p.timeUpdated());
    bed.clock.advance(Duration.ofSeconds(1));

    PrivateEndpoint renamed = bed.endpoints.update(bed.caller(), p.id(), "renamed", etag);

    assertThat(renamed.displayName()).isEqualTo("renamed");
    assertThat(renamed.host()).isEqualTo(p.host());
    assertApiError(
        () -> bed.endpoints.update(bed.caller(), p.id(), "again", etag),
        KmsError.NO_ETAG_MATCH,
        "if-match");
  }

  private PrivateEndpoint create(String host, Integer port, String ca) {
    return bed.endpoints.create(
        bed.caller(),
        new PrivateEndpointService.Create(bed.compartment, "ekm", null, host, port, ca));
  }

  private String ca() {
    return bed.endpoint().caBundle();
  }
}
