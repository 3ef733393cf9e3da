package io.ekms.it.conformance;

import io.ekms.admin.client.EkmGcpAdmin;
import io.ekms.core.http.Listener;
import io.ekms.core.tls.LocalCa;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A loopback stack whose EKM trusts a test issuer (so the kit can be given that issuer's signing
 * key), one vault bound to the issuer's client {@code kms-client} with key {@code k1}, and the
 * files a user of the kit would hand it: the CA bundle, tokens, the signing key, hooks that call
 * the admin API with curl.
 */
final class KitBed implements AutoCloseable {
  static final String CLIENT = "kms-client";
  final Path dir;
  final LoopbackStack stack;
  final TestIssuer issuer;
  final String vaultId;
  final String keyId;
  final Path caBundle;
  final String xksStore;
  final String gcpStore;
  static final String GCP_PREFIX = "gcp/p1";
  static final String GCP_AUDIENCE = "https://ekm.example.test/gcp";
  static final String GCP_SA = "service-123456789@gcp-sa-ekms.iam.gserviceaccount.com";
  static final String XKS_PREFIX = "aws/ks1";
  static final String AKID1 = "AKIAEKMSCONFORMANCE234";
  static final String SECRET1 = "c2VjcmV0LW9uZS1mb3ItdGhlLWNvbmZvcm1hbmNlLWtpdA==";
  static final String AKID2 = "AKIAEKMSCONFORMANCE567";
  static final String SECRET2 = "c2VjcmV0LXR3by1mb3ItdGhlLWNvbmZvcm1hbmNlLWtpdA==";

  KitBed() throws Exception {
    dir = TempDirs.create("conformance-");
    LocalCa clients = LocalCa.create("aws-kms-clients");
    Files.writeString(dir.resolve("client-ca.pem"), clients.certificatePem());
    clients
        .issueServer("aws-kms", List.of("aws-kms.test"), List.of())
        .writeTo(dir.resolve("client.pem"), dir.resolve("client-key.pem"));
    var xks =
        new EkmConfig.Xks(new Listener("127.0.0.1", 0), dir.resolve("client-ca.pem").toString());
    stack = LoopbackStack.builder(dir.resolve("stack")).ekm(ekm -> ekm.xks(xks)).start();
    issuer = TestIssuer.start();
    var admin = stack.ekmAdmin();
    String issuerId = admin.addIssuer(issuer.issuer(), issuer.jwksUri(), issuer.caPem());
    vaultId = admin.createVault("v1", issuerId, CLIENT);
    keyId = admin.createKey(vaultId, "k1", List.of("ENCRYPT", "DECRYPT"));
    xksStore = admin.createXksStore("ks1", XKS_PREFIX, 0);
    admin.addXksCredential(xksStore, AKID1, SECRET1);
    admin.addXksCredential(xksStore, AKID2, SECRET2);
    for (String usage : List.of("ENCRYPT_DECRYPT", "ENCRYPT_ONLY", "DECRYPT_ONLY", "NONE")) {
      admin.putXksKey(xksStore, usage.toLowerCase(java.util.Locale.ROOT), vaultId, keyId, usage);
    }
    gcpStore = gcpStore(admin);
    caBundle = dir.resolve("ca-bundle.pem");
    Files.writeString(caBundle, Files.readString(stack.caFile()) + "\n" + issuer.caPem());
  }

  /** A file holding a token of {@code client} for the EKM, valid for half an hour. */
  Path tokenFile(String client) throws IOException {
    String token =
        issuer
            .token()
            .clientId(client)
            .audience(stack.ekmAudience())
            .scope("oci_ekms")
            .expiresIn(Duration.ofMinutes(30))
            .sign();
    return write(client + ".token", token);
  }

  Path signingKeyFile() throws IOException {
    return write("signing-key.jwk", issuer.signingKeyJson());
  }

  Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  /** The XKS key store's base URL (the XKS listener, mutual TLS). */
  String xksUrl() {
    return "https://127.0.0.1:" + stack.ekm().xksPort() + "/" + XKS_PREFIX;
  }

  private String gcpStore(io.ekms.admin.client.EkmAdmin admin) {
    var gcp = admin.gcp();
    String id =
        gcp.store(
            "p1",
            GCP_PREFIX,
            new EkmGcpAdmin.Trust(
                issuer.issuer(), issuer.jwksUri(), issuer.caPem(), List.of(GCP_AUDIENCE)));
    gcp.allowServiceAccount(id, GCP_SA);
    gcp.putKey(id, "payments", vaultId, keyId);
    return id;
  }

  /** The Google key store's external key URI (the EKM API listener). */
  String gcpKeyUri() {
    return stack.ekmUrl() + "/" + GCP_PREFIX + "/v0/keys/payments";
  }

  /** A shell command that POSTs to the EKM admin API's {@code path}, failing on an error status. */
  String adminCall(String path) {
    return "curl -sf -o /dev/null --cacert "
        + stack.caFile()
        + " -X POST -H 'Content-Type: application/json' -d '{}' -H \"Authorization: Bearer $(cat "
        + stack.adminTokenFile("ekm")
        + ")\" "
        + stack.ekmAdminUrl()
        + path;
  }

  String keyAction(String action) {
    return adminCall("/admin/v1/vaults/" + vaultId + "/keys/" + keyId + "/" + action);
  }

  /** The four hook options: disable and enable the key, take the audit store away and back. */
  String[] hookArgs() {
    return new String[] {
      "--disable-hook", keyAction("disable"),
      "--enable-hook", keyAction("enable"),
      "--fault-hook", auditMove(true),
      "--recover-hook", auditMove(false)
    };
  }

  /** Moves the EKM's audit chain files away (the fault) or back (the recovery). */
  String auditMove(boolean away) {
    Path chains = stack.dataDir().resolve("ekm/audit-chains");
    Path aside = stack.dataDir().resolve("ekm/audit-chains.away");
    return away ? "mv " + chains + " " + aside : "mv " + aside + " " + chains;
  }

  @Override
  public void close() {
    issuer.close();
    stack.close();
  }
}
