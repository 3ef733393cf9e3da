package io.ekms.cli;

import picocli.CommandLine.Command;

/** {@code ekms kms ...}: the cloud-side KMS's server, administration and API. */
@Command(
    name = "kms",
    mixinStandardHelpOptions = true,
    description = "The KMS (OCI KMS API over external keys): serve it, administer it, use it.",
    subcommands = {
      KmsInitCommand.class,
      KmsServeCommand.class,
      KmsUserCommands.class,
      KmsVaultCommands.class,
      KmsKeyCommands.class,
      KmsKeyVersionCommands.class,
      KmsPrivateEndpointCommands.class,
      KmsAuditCommands.class,
      AdministratorCommands.Kms.class,
      HeldRequestCommands.Kms.class
    })
final class KmsCommand {}
