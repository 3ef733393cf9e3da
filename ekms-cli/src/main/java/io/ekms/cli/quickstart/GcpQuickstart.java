package io.ekms.cli.quickstart;

import io.ekms.admin.client.EkmGcpAdmin;
import io.ekms.admin.client.IdentityAdmin;
import io.ekms.common.secret.SecretFiles;
import io.ekms.core.crypto.Randoms;
import io.ekms.stack.LoopbackStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The quickstart's Google Cloud EKM key store. Google's own tokens only Google mints, so the
 * quickstart's identity server stands in for Google: a service-account client (its tokens carry a
 * verified e-mail, as Google's ID tokens do) whose e-mail the key store allows, its audience the
 * store's, the identity server its issuer. The client's secret is kept in {@code
 * <data-dir>/gcp/service-account.secret} (0600) so later runs fetch fresh tokens.
 */
final class GcpQuickstart {
  static final String PREFIX = "gcp/quickstart";
  static final String KEY = "quickstart-key";
  static final String SERVICE_ACCOUNT = "service-000000000000@gcp-sa-ekms.iam.gserviceaccount.com";

  private GcpQuickstart() {}

  static Path secretFile(Path dataDir) {
    return dataDir.resolve("gcp/service-account.secret");
  }

  static Path tokenFile(Path dataDir) {
    return dataDir.resolve("gcp/id-token");
  }

  /** Sets the key store up, exposing the EKM key {@code keyId} of {@code vaultId}. */
  static QuickstartFile.Gcp setUp(LoopbackStack stack, String vaultId, String keyId)
      throws Exception {
    String audience = stack.ekmUrl() + "/" + PREFIX;
    String issuer = stack.identity().issuer();
    IdentityAdmin.Client client =
        stack
            .identityAdmin()
            .createServiceAccount(
                "gcp-service-agent-" + Randoms.hex(3),
                List.of(audience),
                List.of("gcp_ekm"),
                SERVICE_ACCOUNT);
    Files.createDirectories(secretFile(stack.dataDir()).getParent());
    SecretFiles.write(secretFile(stack.dataDir()), client.secret());
    EkmGcpAdmin gcp = stack.ekmAdmin().gcp();
    String store =
        gcp.store(
            "quickstart-" + Randoms.hex(3),
            PREFIX,
            new EkmGcpAdmin.Trust(
                issuer,
                issuer + "/oauth2/v1/keys",
                Files.readString(stack.caFile()),
                List.of(audience)));
    gcp.allowServiceAccount(store, SERVICE_ACCOUNT);
    gcp.putKey(store, KEY, vaultId, keyId);
    return new QuickstartFile.Gcp(
        stack.ekmUrl(),
        PREFIX,
        KEY,
        issuer,
        audience,
        SERVICE_ACCOUNT,
        client.id(),
        tokenFile(stack.dataDir()).toString(),
        tokenCommand(stack, client.id()));
  }

  /** The step's line: where the key is and who may call it. */
  static String describe(QuickstartFile.Gcp gcp) {
    return "/" + gcp.uriPrefix() + ", key " + gcp.keyName() + ", for " + gcp.serviceAccount();
  }

  /** A shell command printing the token endpoint's answer; the token is its access_token. */
  private static String tokenCommand(LoopbackStack stack, String clientId) {
    return "curl -s --cacert "
        + stack.caFile()
        + " -u \""
        + clientId
        + ":$(cat "
        + secretFile(stack.dataDir())
        + ")\" -d grant_type=client_credentials "
        + stack.identity().issuer()
        + "/oauth2/v1/token";
  }
}
