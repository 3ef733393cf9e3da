package io.ekms.cli.quickstart;

import io.ekms.cli.XksCommands;
import io.ekms.core.crypto.Randoms;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackTenant;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Base64;

/**
 * One quickstart run on a started {@link LoopbackStack}: sets up the resources on first use (one
 * {@link StackTenant}, its OCI config file and an XKS key store) or checks the ones recorded in
 * {@code quickstart.json}, writes the file, then tells the story.
 */
final class QuickstartRun {
  static final String TENANCY = "ocid1.tenancy.oc1..quickstart";
  static final String COMPARTMENT = "ocid1.compartment.oc1..quickstart";
  static final String PROFILE = "DEFAULT";
  static final String XKS_PREFIX = "xks/quickstart";
  static final String XKS_KEY = "quickstart-key";

  private QuickstartRun() {}

  static QuickstartFile run(LoopbackStack stack, PrintWriter out) throws Exception {
    return run(stack, out, null);
  }

  /**
   * As {@link #run(LoopbackStack, PrintWriter)}, with the XKS key store behind mutual TLS when
   * {@code xksMtls} is set; {@code quickstart.json} records how this run serves XKS.
   */
  static QuickstartFile run(LoopbackStack stack, PrintWriter out, XksMtls xksMtls)
      throws Exception {
    Steps steps = new Steps(out);
    QuickstartFile earlier = QuickstartFile.readIfPresent(stack.dataDir());
    QuickstartFile file;
    if (earlier == null) {
      out.println("Setting up " + stack.dataDir() + " (first run)");
      file = setUp(stack, steps);
    } else {
      out.println("Reusing " + stack.dataDir());
      steps.run("Same endpoints as the run that set this up", () -> sameEndpoints(stack, earlier));
      steps.run("The EKM key and the KMS key are still there", () -> present(stack, earlier));
      file = earlier.gcp() != null ? earlier : withGcp(stack, steps, earlier);
    }
    file = file.withXks(file.xks().at("127.0.0.1:" + stack.ekm().xksPort(), xksMtls));
    file.writeTo(stack.dataDir());
    out.println("Wrote " + stack.dataDir().resolve(QuickstartFile.NAME) + " (0600)");
    new QuickstartStory(stack, file, steps).run();
    return file;
  }

  /**
   * First run: a tenant made through the servers' admin APIs and, on the KMS side, through {@code
   * KmsClient} signed with the new user's API key; its OCI config file; an XKS key store exposing
   * its EKM key. Returns what {@code quickstart.json} records.
   */
  private static QuickstartFile setUp(LoopbackStack stack, Steps steps) throws Exception {
    StackTenant tenant = StackTenant.provision(stack, "quickstart", TENANCY, COMPARTMENT, steps);
    Path ociConfig = stack.dataDir().resolve("kms-user/config");
    steps.run(
        "Write the KMS user's OCI config file",
        () -> tenant.writeOciConfig(ociConfig, PROFILE).toString());
    String akid = XksCommands.newAccessKeyId();
    String secret = Base64.getEncoder().encodeToString(Randoms.bytes(32));
    steps.run(
        "Set up an XKS key store on the EKM",
        () -> {
          var ekm = stack.ekmAdmin();
          String store = ekm.xksStore("quickstart-" + Randoms.hex(3), XKS_PREFIX);
          ekm.addXksCredential(store, akid, secret);
          ekm.putXksKey(store, XKS_KEY, tenant.ekmVaultId(), tenant.ekmKeyId(), "ENCRYPT_DECRYPT");
          return store + " at /" + XKS_PREFIX + ", key " + XKS_KEY + " -> " + tenant.ekmKeyId();
        });
    QuickstartFile.Gcp gcp =
        steps.runFor(
            "Set up a Google Cloud EKM key store on the EKM",
            () -> GcpQuickstart.setUp(stack, tenant.ekmVaultId(), tenant.ekmKeyId()),
            GcpQuickstart::describe);
    return new QuickstartFile(
        stack.caFile().toString(),
        new QuickstartFile.Kms(
            stack.kms().baseUrl(),
            stack.kmsAdminUrl(),
            ociConfig.toString(),
            PROFILE,
            COMPARTMENT,
            tenant.vaultId(),
            tenant.keyId(),
            tenant.privateEndpointId()),
        new QuickstartFile.Ekm(
            stack.ekmUrl(),
            stack.ekmAdminUrl(),
            stack.adminTokenFile("ekm").toString(),
            tenant.ekmVaultId(),
            tenant.ekmKeyId()),
        new QuickstartFile.Identity(stack.identity().issuer(), stack.identityAdminUrl()),
        new QuickstartFile.Xks(
            "127.0.0.1:" + stack.ekm().xksPort(), XKS_PREFIX, akid, secret, XKS_KEY),
        gcp);
  }

  /** A directory set up before the Google key store existed gets one now. */
  private static QuickstartFile withGcp(LoopbackStack stack, Steps steps, QuickstartFile earlier)
      throws Exception {
    QuickstartFile.Gcp gcp =
        steps.runFor(
            "Set up a Google Cloud EKM key store on the EKM",
            () -> GcpQuickstart.setUp(stack, earlier.ekm().vaultId(), earlier.ekm().keyId()),
            GcpQuickstart::describe);
    QuickstartFile file = earlier.withGcp(gcp);
    file.writeTo(stack.dataDir());
    return file;
  }

  private static String sameEndpoints(LoopbackStack stack, QuickstartFile file) {
    Steps.expect(
        file.kms().endpoint().equals(stack.kms().baseUrl())
            && file.ekm().endpoint().equals(stack.ekmUrl())
            && file.identity().endpoint().equals(stack.identity().issuer()),
        "this data directory was set up for other ports ("
            + file.kms().endpoint()
            + "); run with the same --port-base or another --data-dir");
    return "yes";
  }

  private static String present(LoopbackStack stack, QuickstartFile file) throws Exception {
    String ekmState =
        stack.ekmAdmin().key(file.ekm().vaultId(), file.ekm().keyId()).path("state").asText();
    String kmsState =
        QuickstartStory.client(stack, Path.of(file.kms().ociConfig()))
            .management(file.kms().vaultId())
            .getKey(file.kms().keyId())
            .lifecycleState();
    return "EKM " + ekmState + ", KMS " + kmsState;
  }
}
