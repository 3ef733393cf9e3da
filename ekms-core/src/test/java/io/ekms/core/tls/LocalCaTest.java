package io.ekms.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCaTest {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  @TempDir Path dir;

  @Test
  void create_commonName_isSelfSignedCaRestrictedToSigning() throws Exception {
    LocalCa ca = LocalCa.create("ekms test CA");
    X509Certificate cert = ca.certificate();

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=ekms test CA");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    cert.verify(cert.getPublicKey());
    assertThat(cert.getBasicConstraints()).isZero();
    assertThat(cert.getKeyUsage())
        .containsExactly(false, false, false, false, false, true, true, false, false);
    assertThat(ca.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void issueServer_namesAndAddresses_leafSignedByCaWithSans() throws Exception {
    LocalCa ca = LocalCa.create("ekms test CA");

    ServerIdentity server =
        ca.issueServer(
            "ekm.internal", List.of("localhost", "ekm.internal"), List.of("127.0.0.1", "::1"));

    X509Certificate leaf = server.chain().get(0);
    assertThat(server.chain()).hasSize(2).element(1).isEqualTo(ca.certificate());
    leaf.verify(ca.certificate().getPublicKey());
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=ekm.internal");
    assertThat(leaf.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "localhost"),
            List.of(2, "ekm.internal"),
            List.of(7, "127.0.0.1"),
            List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getExtendedKeyUsage()).contains(SERVER_AUTH);
    assertThat(leaf.getNotAfter()).isBefore(ca.certificate().getNotAfter());
  }

  @Test
  void issueServer_privateKey_matchesLeafPublicKey() throws Exception {
    ServerIdentity server = LocalCa.create("ca").issueServer("s", List.of("localhost"), List.of());
    byte[] message = "handshake transcript".getBytes();

    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(server.privateKey());
    signer.update(message);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(server.chain().get(0).getPublicKey());
    verifier.update(message);

    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void issueServer_twice_givesDistinctKeysAndSerials() {
    LocalCa ca = LocalCa.create("ca");
    ServerIdentity a = ca.issueServer("s", List.of("localhost"), List.of());
    ServerIdentity b = ca.issueServer("s", List.of("localhost"), List.of());

    assertThat(a.chain().get(0).getSerialNumber()).isNotEqualTo(b.chain().get(0).getSerialNumber());
    assertThat(a.chain().get(0).getPublicKey()).isNotEqualTo(b.chain().get(0).getPublicKey());
  }

  @Test
  void writeTo_withKey_keyFileIsOwnerOnlyAndLoadRoundTrips() throws Exception {
    LocalCa ca = LocalCa.create("ekms test CA");
    Files.writeString(dir.resolve("ca-key.pem"), "old");
    Files.setPosixFilePermissions(
        dir.resolve("ca-key.pem"), PosixFilePermissions.fromString("rw-r--r--"));

    ca.writeTo(dir, true);
    LocalCa loaded = LocalCa.load(dir);

    assertThat(Files.getPosixFilePermissions(dir.resolve("ca-key.pem")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(dir.resolve("ca-key.pem")))
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(loaded.certificate()).isEqualTo(ca.certificate());
    X509Certificate issued =
        loaded.issueServer("s", List.of("localhost"), List.of()).chain().get(0);
    issued.verify(ca.certificate().getPublicKey());
  }

  @Test
  void writeTo_withoutKey_writesOnlyCertificate() throws IOException {
    LocalCa ca = LocalCa.create("ekms test CA");

    ca.writeTo(dir.resolve("public"), false);

    assertThat(Pem.certificates(dir.resolve("public/ca.pem"))).containsExactly(ca.certificate());
    assertThat(dir.resolve("public/ca-key.pem")).doesNotExist();
    assertThatThrownBy(() -> LocalCa.load(dir.resolve("public")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
