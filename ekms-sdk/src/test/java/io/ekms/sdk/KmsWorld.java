package io.ekms.sdk;

import io.ekms.sdk.model.Key;
import io.ekms.sdk.model.PrivateEndpoint;
import io.ekms.sdk.model.Vault;

/**
 * A {@link SdkStack} set up through {@link KmsClient} alone: a private endpoint, an external vault
 * bound to the EKM vault, and a key referring to the EKM key. Public for the CLI's tests.
 */
public final class KmsWorld {
  public final SdkStack stack;
  public final KmsClient kms;
  public final PrivateEndpoint endpoint;
  public final Vault vault;
  public final Key key;

  /** A new private endpoint, vault and key on the shared stack. */
  public KmsWorld() throws Exception {
    stack = SdkStack.shared();
    kms = stack.client(stack.ociConfig);
    endpoint =
        kms.createPrivateEndpoint(
            new PrivateEndpoint.Create(
                SdkStack.COMPARTMENT,
                "ekm",
                "ocid1.subnet.oc1..s",
                "127.0.0.1",
                stack.ekmPort,
                stack.ekmCaPem()));
    vault =
        kms.createVault(
            Vault.Create.external(
                SdkStack.COMPARTMENT,
                "external",
                new Vault.Metadata(
                    stack.ekmVaultUrl(),
                    endpoint.id(),
                    new Vault.Oauth(stack.identity.issuer(), stack.clientId, stack.clientSecret))));
    key = newKey("orders", stack.ekmKeyId);
  }

  /** A new KMS key in the vault, referring to EKM key {@code externalKeyId}. */
  public Key newKey(String name, String externalKeyId) {
    return kms.management(vault.id())
        .createKey(Key.Create.external(SdkStack.COMPARTMENT, name, externalKeyId));
  }
}
