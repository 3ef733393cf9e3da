package io.ekms.it.conformance;

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

  KitBed() throws IOException {
    dir = TempDirs.create("conformance-");
    stack = LoopbackStack.builder(dir.resolve("stack")).start();
    issuer = TestIssuer.start();
    var admin = stack.ekmAdmin();
    String issuerId = admin.addIssuer(issuer.issuer(), issuer.jwksUri(), issuer.caPem());
    vaultId = admin.createVault("v1", issuerId, CLIENT);
    keyId = admin.createKey(vaultId, "k1", List.of("ENCRYPT", "DECRYPT"));
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
