package io.ekms.cli;

import io.ekms.sdk.KmsClient;
import io.ekms.sdk.model.Vault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ekms kms vault ...}: external vaults in the KMS, through the SDK. */
@Command(
    name = "vault",
    mixinStandardHelpOptions = true,
    description = "External vaults in the KMS (OCI KMS API).",
    subcommands = {
      KmsVaultCommands.Create.class,
      KmsVaultCommands.ListVaults.class,
      KmsVaultCommands.Get.class,
      KmsVaultCommands.Update.class,
      KmsVaultCommands.Delete.class,
      KmsVaultCommands.CancelDeletion.class
    })
final class KmsVaultCommands {
  static final List<Output.Column> COLUMNS =
      List.of(
          new Output.Column("ID", "/id"),
          new Output.Column("NAME", "/displayName"),
          new Output.Column("STATE", "/lifecycleState"),
          new Output.Column("TYPE", "/vaultType"),
          new Output.Column("CREATED", "/timeCreated"),
          new Output.Column("DELETION", "/timeOfDeletion"));

  private KmsVaultCommands() {}

  /** Verbs printing vaults. */
  abstract static class VaultVerb extends KmsVerb {
    @Override
    List<Output.Column> columns() {
      return COLUMNS;
    }
  }

  @Command(name = "create", description = "Create an external vault bound to an EKM vault.")
  static final class Create extends VaultVerb {
    @Option(names = "--compartment-id", description = "Default: the quickstart's.")
    String compartmentId;

    @Option(names = "--display-name", required = true)
    String displayName;

    @Option(
        names = "--external-vault-endpoint-url",
        required = true,
        description = "The EKM vault's URL, https://HOST:PORT/oci/ekm/v1/vaults/VAULT_ID.")
    String externalVaultEndpointUrl;

    @Option(names = "--private-endpoint-id", description = "Default: the quickstart's.")
    String privateEndpointId;

    @Option(
        names = "--idcs-account-name-url",
        required = true,
        description = "The OAuth issuer the KMS gets tokens from.")
    String idcsAccountNameUrl;

    @Option(names = "--client-app-id", required = true)
    String clientAppId;

    @Option(
        names = "--client-app-secret-file",
        paramLabel = "FILE",
        description = "File holding the OAuth client secret (else env EKMS_CLIENT_APP_SECRET).")
    Path clientAppSecretFile;

    @Override
    Object run(KmsClient client) throws IOException {
      var oauth = new Vault.Oauth(idcsAccountNameUrl, clientAppId, secret());
      return client.createVault(
          Vault.Create.external(
              kms.compartmentId(compartmentId),
              displayName,
              new Vault.Metadata(
                  externalVaultEndpointUrl, kms.privateEndpointId(privateEndpointId), oauth)));
    }

    private String secret() throws IOException {
      if (clientAppSecretFile != null) {
        if (!Files.isReadable(clientAppSecretFile)) {
          throw new IllegalArgumentException(
              "cannot read --client-app-secret-file " + clientAppSecretFile + ": no such file");
        }
        io.ekms.common.secret.SecretFiles.requireOwnerOnly(
            clientAppSecretFile, "client secret file");
        return Files.readString(clientAppSecretFile, StandardCharsets.UTF_8).strip();
      }
      String env = System.getenv("EKMS_CLIENT_APP_SECRET");
      if (env == null || env.isBlank()) {
        throw new IllegalArgumentException(
            "missing the OAuth client secret; pass --client-app-secret-file or set"
                + " EKMS_CLIENT_APP_SECRET");
      }
      return env.strip();
    }
  }

  @Command(name = "list", description = "List the vaults of a compartment.")
  static final class ListVaults extends VaultVerb {
    @Option(names = "--compartment-id", description = "Default: the quickstart's.")
    String compartmentId;

    @Override
    Object run(KmsClient client) {
      return client.listVaults(kms.compartmentId(compartmentId));
    }
  }

  @Command(name = "get", description = "Show one vault (default: the quickstart's).")
  static final class Get extends VaultVerb {
    @Option(names = "--vault-id")
    String vaultId;

    @Override
    Object run(KmsClient client) {
      return client.getVault(kms.vaultId(vaultId));
    }
  }

  @Command(name = "update", description = "Rename a vault.")
  static final class Update extends VaultVerb {
    @Option(names = "--vault-id", required = true)
    String vaultId;

    @Option(names = "--display-name", required = true)
    String displayName;

    @Override
    Object run(KmsClient client) {
      return client.updateVault(vaultId, displayName);
    }
  }

  @Command(
      name = "delete",
      description =
          "Schedule the vault's deletion, as OCI does (PENDING_DELETION; 7 to 30 days, default 30).")
  static final class Delete extends VaultVerb {
    @Option(names = "--vault-id", required = true)
    String vaultId;

    @Option(names = "--time-of-deletion", description = "RFC 3339 time, 7 to 30 days from now.")
    Instant timeOfDeletion;

    @Override
    Object run(KmsClient client) {
      return client.scheduleVaultDeletion(vaultId, timeOfDeletion);
    }
  }

  @Command(name = "cancel-deletion", description = "Cancel a scheduled vault deletion.")
  static final class CancelDeletion extends VaultVerb {
    @Option(names = "--vault-id", required = true)
    String vaultId;

    @Override
    Object run(KmsClient client) {
      return client.cancelVaultDeletion(vaultId);
    }
  }
}
