package io.ekms.cli.quickstart;

import java.io.PrintWriter;

/**
 * One quickstart run on a started stack: sets up the resources on first use (or checks the ones
 * recorded in {@code quickstart.json}), writes the file, then tells the story.
 */
final class QuickstartRun {
  private QuickstartRun() {}

  static QuickstartFile run(QuickstartStack stack, PrintWriter out) throws Exception {
    Steps steps = new Steps(out);
    AdminApis admin = new AdminApis(stack);
    QuickstartFile earlier = QuickstartFile.readIfPresent(stack.dataDir);
    QuickstartFile file;
    if (earlier == null) {
      out.println("Setting up " + stack.dataDir + " (first run)");
      file = new QuickstartSetUp(stack, admin, steps).run();
      file.writeTo(stack.dataDir);
    } else {
      out.println("Reusing " + stack.dataDir);
      file = earlier;
      steps.run("Same endpoints as the run that set this up", () -> sameEndpoints(stack, file));
      steps.run("The EKM key and the KMS key are still there", () -> present(stack, admin, file));
    }
    out.println("Wrote " + stack.dataDir.resolve(QuickstartFile.NAME) + " (0600)");
    new QuickstartStory(stack, admin, file, steps).run();
    return file;
  }

  private static String sameEndpoints(QuickstartStack stack, QuickstartFile file) {
    Steps.expect(
        file.kms().endpoint().equals(stack.kms.baseUrl())
            && file.ekm().endpoint().equals(stack.ekmUrl())
            && file.identity().endpoint().equals(stack.identity.issuer()),
        "this data directory was set up for other ports ("
            + file.kms().endpoint()
            + "); run with the same --port-base or another --data-dir");
    return "yes";
  }

  private static String present(QuickstartStack stack, AdminApis admin, QuickstartFile file)
      throws Exception {
    String ekmState =
        admin
            .ekm(
                "GET",
                "/admin/v1/vaults/" + file.ekm().vaultId() + "/keys/" + file.ekm().keyId(),
                null)
            .path("state")
            .asText();
    String kmsState =
        QuickstartStory.client(stack, java.nio.file.Path.of(file.kms().ociConfig()))
            .management(file.kms().vaultId())
            .getKey(file.kms().keyId())
            .lifecycleState();
    return "EKM " + ekmState + ", KMS " + kmsState;
  }
}
