package io.ekms.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.tls.TrustBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerIdentityTest {
  private static final LocalCa CA = LocalCa.create("identity test CA");

  private static ServerIdentity issue() {
    return CA.issueServer("ekm", List.of("localhost"), List.of("127.0.0.1"));
  }

  @Test
  void new_emptyChain_throws() {
    ServerIdentity server = issue();
    assertThatThrownBy(() -> new ServerIdentity(server.privateKey(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("certificate chain is empty");
  }

  @Test
  void new_chain_isCopiedAndImmutable() {
    ServerIdentity issued = issue();
    List<X509Certificate> chain = new ArrayList<>(issued.chain());
    ServerIdentity server = new ServerIdentity(issued.privateKey(), chain);

    chain.clear();

    assertThat(server.chain()).hasSize(2);
    assertThatThrownBy(() -> server.chain().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void writeTo_thenLoad_roundTripsWithOwnerOnlyKey(@TempDir Path dir) throws Exception {
    ServerIdentity server = issue();
    Path cert = dir.resolve("tls/server.pem");
    Path key = dir.resolve("tls/server-key.pem");

    server.writeTo(cert, key);
    ServerIdentity loaded = ServerIdentity.load(cert, key);

    assertThat(Files.getPosixFilePermissions(key))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(loaded.chain()).containsExactlyElementsOf(server.chain());
    assertThat(loaded.privateKey().getEncoded()).isEqualTo(server.privateKey().getEncoded());
    assertThat(Files.readString(cert)).doesNotContain("PRIVATE KEY");
  }

  @Test
  void sslContext_clientTrustingIssuingCa_completesHandshakeOnLoopback() throws Exception {
    String answer =
        TlsLoopback.exchange(
            issue().sslContext(), TrustBundle.sslContext(List.of(CA.certificate())), "127.0.0.1");

    assertThat(answer).isEqualTo("pong TLSv1.3");
  }

  @Test
  void toString_showsSubjectButNoKeyMaterial() {
    ServerIdentity server = issue();
    String encodedKey = Base64.getEncoder().encodeToString(server.privateKey().getEncoded());

    assertThat(server.toString())
        .isEqualTo("ServerIdentity[CN=ekm]")
        .doesNotContain(encodedKey.substring(0, 16));
  }
}
