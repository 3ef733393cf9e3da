package io.ekms.stack;

import io.ekms.admin.client.IdentityAdmin;
import io.ekms.core.crypto.Randoms;
import io.ekms.sdk.ApiKey;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.model.Key;
import io.ekms.sdk.model.PrivateEndpoint;
import io.ekms.sdk.model.Vault;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** The steps of one {@link StackTenant}'s set-up, in order, remembering what each made. */
final class TenantProvisioning {

  private final StackEndpoints stack;
  private final String tag;
  private final StackSteps steps;
  private IdentityAdmin.Client client;
  private String issuerId;
  private String ekmVault;
  private String ekmKey;
  private ApiKey apiKey;

  TenantProvisioning(StackEndpoints stack, String tag, StackSteps steps) {
    this.stack = stack;
    this.tag = tag;
    this.steps = steps;
  }

  StackTenant run(String name, String tenancyId, String compartmentId) throws Exception {
    var ekm = stack.ekmAdmin();
    steps.run("Register the KMS's OAuth client in identity", this::registerClient);
    steps.run(
        "Trust the identity server in the EKM",
        () -> {
          issuerId = ekm.trustIssuer(stack.identityIssuer(), caPem());
          return issuerId + " (" + stack.identityIssuer() + ")";
        });
    steps.run(
        "Create an EKM vault and an AES-256 key",
        () -> {
          ekmVault = ekm.createVault(tag, issuerId, client.id());
          ekmKey = ekm.createKey(ekmVault, tag);
          return ekmVault + ", " + ekmKey;
        });
    steps.run("Create a KMS user with an API key", () -> newUser(tenancyId, compartmentId));
    KmsClient kms = StackTenant.client(stack, apiKey);
    String endpoint =
        steps.run(
            "Create the KMS private endpoint to the EKM",
            () -> kms.createPrivateEndpoint(privateEndpoint(compartmentId)).id());
    String vault =
        steps.run(
            "Create the KMS external vault",
            () ->
                kms.createVault(
                        Vault.Create.external(
                            compartmentId,
                            tag,
                            new Vault.Metadata(
                                stack.ekmUrl() + "/oci/ekm/v1/vaults/" + ekmVault,
                                endpoint,
                                new Vault.Oauth(
                                    stack.identityIssuer(), client.id(), client.secret()))))
                    .id());
    String key =
        steps.run(
            "Create the KMS external key reference",
            () ->
                kms.management(vault)
                    .createKey(Key.Create.external(compartmentId, tag, ekmKey))
                    .id());
    return new StackTenant(
        name, tenancyId, compartmentId, apiKey, client, ekmVault, ekmKey, endpoint, vault, key);
  }

  /** One EKM node: its address alone; several: every node, listed in order. */
  private PrivateEndpoint.Create privateEndpoint(String compartmentId) throws IOException {
    List<String> nodes = stack.ekmAddresses();
    String first = nodes.getFirst();
    int colon = first.lastIndexOf(':');
    return new PrivateEndpoint.Create(
        compartmentId,
        tag,
        "ocid1.subnet.oc1.." + Randoms.hex(8),
        first.substring(0, colon),
        Integer.parseInt(first.substring(colon + 1)),
        caPem(),
        nodes.size() > 1 ? nodes : null);
  }

  private String registerClient() {
    client =
        stack
            .identityAdmin()
            .createClient("kms-" + tag, List.of(stack.ekmAudience()), List.of("oci_ekms"));
    return client.id();
  }

  private String newUser(String tenancyId, String compartmentId) {
    apiKey = StackUsers.create(stack, tag, tenancyId, compartmentId, "manage");
    return apiKey.userId();
  }

  private String caPem() throws IOException {
    return Files.readString(stack.caFile());
  }
}
