package io.ekms.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.sdk.ApiKey;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.model.Key;
import io.ekms.sdk.model.PrivateEndpoint;
import io.ekms.sdk.model.Vault;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackPorts;
import io.ekms.stack.StackTenant;
import io.ekms.stack.StackUsers;
import io.ekms.testing.TempDirs;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A new {@link StackTenant} on the one {@link LoopbackStack} the SDK's and the CLI's end-to-end
 * tests share (started on first use, stopped with the JVM), seen through {@link KmsClient}: its
 * private endpoint, vault and key as the KMS shows them, and its user's OCI config file (profile
 * {@code ekms}).
 */
public final class TenantWorld {
  public static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  public static final String COMPARTMENT =
      "ocid1.compartment.oc1..bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  public static final String PROFILE = "ekms";
  private static LoopbackStack shared;

  public final LoopbackStack stack;
  public final StackTenant tenant;
  public final Path ociConfig;
  public final KmsClient kms;
  public final PrivateEndpoint endpoint;
  public final Vault vault;
  public final Key key;

  /** A new tenant on the shared stack. */
  public TenantWorld() throws IOException {
    stack = shared();
    tenant = StackTenant.provision(stack, "world", TENANCY, COMPARTMENT);
    ociConfig = tenant.writeOciConfig(TempDirs.create("oci-").resolve("config"), PROFILE);
    kms = client(ociConfig);
    endpoint = kms.getPrivateEndpoint(tenant.privateEndpointId());
    vault = kms.getVault(tenant.vaultId());
    key = kms.management(vault.id()).getKey(tenant.keyId());
  }

  private static synchronized LoopbackStack shared() throws IOException {
    if (shared == null) {
      LoopbackStack started =
          LoopbackStack.builder(TempDirs.create("world-"))
              .ports(StackPorts.EPHEMERAL)
              .kms(kms -> kms.sweepIntervalSeconds(1).ekmTimeouts(10_000, 30_000))
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
      shared = started;
    }
    return shared;
  }

  /** A client signing with profile {@link #PROFILE} of {@code config}. */
  public KmsClient client(Path config) throws IOException {
    return KmsClient.builder()
        .endpoint(stack.kms().baseUrl())
        .profile(config, PROFILE)
        .trust(stack.caFile())
        .build();
  }

  /** A client signing with {@code apiKey}. */
  public KmsClient client(ApiKey apiKey) throws IOException {
    return KmsClient.builder()
        .endpoint(stack.kms().baseUrl())
        .apiKey(apiKey)
        .trust(stack.caFile())
        .build();
  }

  /** Another user of the tenancy with one grant of {@code permission} in the compartment. */
  public ApiKey newUser(String name, String permission) {
    return StackUsers.create(stack, name, TENANCY, COMPARTMENT, permission);
  }

  /** A new key in the tenant's EKM vault. */
  public String newEkmKey(String name) {
    return stack.ekmAdmin().createKey(tenant.ekmVaultId(), name);
  }

  /** Runs an admin action (rotate, enable, disable) on a key of the tenant's EKM vault. */
  public JsonNode ekmKeyAction(String keyId, String action) {
    return stack.ekmAdmin().keyAction(tenant.ekmVaultId(), keyId, action);
  }

  /** A new KMS key in the vault, referring to EKM key {@code externalKeyId}. */
  public Key newKey(String name, String externalKeyId) {
    return kms.management(vault.id())
        .createKey(Key.Create.external(COMPARTMENT, name, externalKeyId));
  }
}
