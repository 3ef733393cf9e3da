package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.http.Listener;
import io.ekms.core.tls.LocalCa;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The XKS API on its own listener with mutual TLS, as AWS's XKS test client checks it: no client
 * certificate, no connection; a bogus one (another CA), no connection; the right one, served.
 */
class XksMutualTlsTest {
  static final Map<String, Object> BODY =
      Map.of("requestMetadata", Map.of("kmsRequestId", "r", "kmsOperation", "GetHealthStatus"));

  @Test
  void xksListener_withClientCa_servesOnlyClientsWithCertificates() throws Exception {
    Path dir = TempDirs.create("xks-mtls-");
    LocalCa clients = LocalCa.create("aws-kms-clients");
    Files.writeString(dir.resolve("client-ca.pem"), clients.certificatePem());
    clients
        .issueServer("aws-kms", List.of("aws-kms.test"), List.of())
        .writeTo(dir.resolve("client.pem"), dir.resolve("client-key.pem"));
    EkmConfig.Xks xks =
        new EkmConfig.Xks(new Listener("127.0.0.1", 0), dir.resolve("client-ca.pem").toString());
    try (LoopbackStack stack =
        LoopbackStack.builder(dir.resolve("stack")).ekm(ekm -> ekm.xks(xks)).start()) {
      XksStore f = new XksStore(EkmVault.ofIdentity(stack));
      assertThat(stack.ekm().xksPort()).isNotEqualTo(stack.ekm().apiPort());
      String health = XksStore.BASE + "/health";
      assertThatThrownBy(() -> f.xks.post(health, XksStore.AKID1, XksStore.SECRET1, BODY))
          .hasMessageContaining("curl failed");
      f.connect(
          "--cert",
          dir.resolve("client.pem").toString(),
          "--key",
          dir.resolve("client-key.pem").toString());
      var a = f.xks.post(health, XksStore.AKID1, XksStore.SECRET1, BODY);
      assertThat(a.status()).as(a.raw()).isEqualTo(200);
      // AWS's XKS test client's negative case: a bogus certificate, from a CA the listener does
      // not trust, gets no connection either.
      LocalCa bogus = LocalCa.create("bogus-clients");
      bogus
          .issueServer("aws-kms", List.of("aws-kms.test"), List.of())
          .writeTo(dir.resolve("bogus.pem"), dir.resolve("bogus-key.pem"));
      f.connect(
          "--cert",
          dir.resolve("bogus.pem").toString(),
          "--key",
          dir.resolve("bogus-key.pem").toString());
      assertThatThrownBy(() -> f.xks.post(health, XksStore.AKID1, XksStore.SECRET1, BODY))
          .hasMessageContaining("curl failed");
      // Not on the API listener as well: mutual TLS cannot be side-stepped.
      assertThat(f.ekm.api.bare("POST", health).text()).doesNotContain("xksProxyFleetSize");
    }
  }
}
