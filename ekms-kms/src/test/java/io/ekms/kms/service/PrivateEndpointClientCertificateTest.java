package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.tls.LocalCa;
import io.ekms.core.tls.PemWriter;
import io.ekms.core.tls.ServerIdentity;
import io.ekms.kms.domain.ClientCertificate;
import io.ekms.kms.domain.PrivateEndpoint;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A private endpoint's client certificate: checked, its key sealed, shown without the key. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateEndpointClientCertificateTest {
  private static final LocalCa CA = LocalCa.create("kms clients");
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
  void create_withClientCertificate_sealsKeyAndShowsFingerprint() {
    ServerIdentity id = valid();
    PrivateEndpoint p = create(chain(id), key(id));
    ClientCertificate c = p.clientCertificate();

    assertThat(c.subject()).isEqualTo("CN=ekms-kms");
    assertThat(c.notAfter()).isAfter(ServiceBed.T0);
    assertThat(c.fingerprint()).hasSize(64);
    assertThat(c.sealedKey()).doesNotContain("PRIVATE KEY");
    try (SecretBytes opened = bed.sealer.open(ClientCertificate.sealId(p.id()), c.sealedKey())) {
      String pem = opened.reveal(b -> new String(b, StandardCharsets.US_ASCII));
      assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    }
    assertThat(bed.endpoints.get(bed.caller(), p.id()).clientCertificate()).isEqualTo(c);
    assertThat(c.toString()).doesNotContain(c.sealedKey()).contains(c.fingerprint());
  }

  @Test
  void create_certificateWithoutKey_isInvalidParameter() {
    assertApiError(() -> create(chain(valid()), null), KmsError.INVALID_PARAMETER, "go together");
  }

  @Test
  void create_keyOfAnotherCertificate_isInvalidParameter() {
    assertApiError(
        () -> create(chain(valid()), key(valid())),
        KmsError.INVALID_PARAMETER,
        "'clientPrivateKey' does not belong to the certificate");
  }

  @Test
  void create_expiredCertificate_isInvalidParameter() {
    ServerIdentity old =
        CA.issueClient(
            "ekms-kms", ServiceBed.T0.minus(Duration.ofDays(9)), ServiceBed.T0.minusSeconds(1));
    assertApiError(
        () -> create(chain(old), key(old)),
        KmsError.INVALID_PARAMETER,
        "'clientCertificate' expired at");
  }

  @Test
  void create_notPkcs8Key_isInvalidParameter() {
    assertApiError(
        () -> create(chain(valid()), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n"),
        KmsError.INVALID_PARAMETER,
        "unencrypted PKCS#8");
  }

  @Test
  void create_smallRsaKey_isInvalidParameter() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    String small = PemWriter.encode(rsa.generateKeyPair().getPrivate());
    assertApiError(
        () -> create(chain(valid()), small), KmsError.INVALID_PARAMETER, "RSA key of 2048");
  }

  @Test
  void create_caCertificateFirst_isInvalidParameter() {
    assertApiError(
        () -> create(CA.certificatePem(), key(valid())),
        KmsError.INVALID_PARAMETER,
        "not a CA certificate");
  }

  @Test
  void update_newCertificate_replacesItAndNameOnlyKeepsIt() {
    ServerIdentity first = valid();
    PrivateEndpoint p = create(chain(first), key(first));
    ServerIdentity second = valid();

    PrivateEndpoint rotated = update(p, null, chain(second), key(second));
    PrivateEndpoint renamed = update(rotated, "renamed", null, null);

    assertThat(rotated.clientCertificate().fingerprint())
        .isNotEqualTo(p.clientCertificate().fingerprint());
    assertThat(renamed.clientCertificate()).isEqualTo(rotated.clientCertificate());
    assertThat(renamed.displayName()).isEqualTo("renamed");
  }

  @Test
  void update_bothEmpty_removesIt() {
    ServerIdentity id = valid();
    PrivateEndpoint p = create(chain(id), key(id));

    assertThat(update(p, null, "", "").clientCertificate()).isNull();
  }

  private static ServerIdentity valid() {
    return CA.issueClient("ekms-kms", ServiceBed.T0.minus(Duration.ofDays(1)), far());
  }

  private static Instant far() {
    return ServiceBed.T0.plus(Duration.ofDays(90));
  }

  private static String chain(ServerIdentity id) {
    return PemWriter.encode(id.chain().toArray());
  }

  private static String key(ServerIdentity id) {
    return PemWriter.encode(id.privateKey());
  }

  private PrivateEndpoint create(String chain, String key) {
    try (SecretBytes k = secret(key)) {
      return bed.endpoints.create(
          bed.caller(),
          new PrivateEndpointService.Create(
              bed.compartment,
              "ekm",
              null,
              ServiceBed.HOST,
              ServiceBed.PORT,
              ServiceBed.CA_PEM,
              null,
              chain,
              k));
    }
  }

  private PrivateEndpoint update(PrivateEndpoint p, String name, String chain, String key) {
    bed.clock.advance(Duration.ofMillis(1));
    try (SecretBytes k = secret(key)) {
      return bed.endpoints.update(
          bed.caller(),
          p.id(),
          new PrivateEndpointService.Update(name, chain, k),
          ETags.of(p.id(), p.timeUpdated()));
    }
  }

  private static SecretBytes secret(String text) {
    return text == null ? null : SecretBytes.adopt(text.getBytes(StandardCharsets.US_ASCII));
  }
}
