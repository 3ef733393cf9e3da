package io.ekms.cli.quickstart;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What the quickstart prints while it serves: how to reach the servers from a browser (the EKM's
 * console), the CLI and the SDKs.
 */
final class Usage {
  private Usage() {}

  static void print(PrintWriter out, Path quickstartJson, QuickstartFile f) {
    out.println();
    out.println("Serving until Ctrl-C:");
    out.println("  identity  " + f.identity().endpoint());
    out.println("  EKM       " + f.ekm().endpoint() + "   admin " + f.ekm().adminEndpoint());
    out.println("  KMS       " + f.kms().endpoint());
    out.println("  XKS       https://" + f.xks().host() + "/" + f.xks().uriPrefix());
    if (f.xks().clientCertificate() != null) {
      out.println(
          "            mutual TLS: present "
              + f.xks().clientCertificate()
              + " with its key "
              + f.xks().clientKey());
    }
    out.println("  CA        " + f.caCertificate());
    out.println();
    out.println("The EKM's console, in a browser (its certificate chains to the CA above):");
    out.println("  " + consoleUrl(f));
    out.println(
        "  sign in with the EKM's admin token, the one line of " + f.ekm().adminTokenFile());
    out.println();
    out.println("The CLI against them:");
    out.println("  ./ekms kms vault list --quickstart " + quickstartJson);
    out.println("  ./ekms kms key get --quickstart " + quickstartJson);
    out.println();
    out.println("The OCI Java SDK (or io.ekms.sdk.KmsClient) against them:");
    out.println(
        "  ConfigFileAuthenticationDetailsProvider(\""
            + f.kms().ociConfig()
            + "\", \""
            + f.kms().profile()
            + "\")");
    out.println(
        "  KmsVaultClient.builder().endpoint(\"" + f.kms().endpoint() + "\")   // trust the CA");
    out.println(
        "  vault "
            + f.kms().vaultId()
            + ", key "
            + f.kms().keyId()
            + " in "
            + f.kms().compartmentId());
    out.println("Everything is in " + quickstartJson + " (0600: it holds the XKS secret).");
    out.flush();
  }

  /** The EKM console's address: {@code /console} on the EKM's admin listener. */
  static String consoleUrl(QuickstartFile f) {
    return f.ekm().adminEndpoint() + "/console";
  }
}
