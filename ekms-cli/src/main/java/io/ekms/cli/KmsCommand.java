package io.ekms.cli;

import picocli.CommandLine.Command;

/** {@code ekms kms ...}: the cloud-side KMS's server and administration. */
@Command(
    name = "kms",
    mixinStandardHelpOptions = true,
    description = "The KMS (OCI KMS API over external keys): serve it and administer it.",
    subcommands = {KmsInitCommand.class, KmsServeCommand.class, KmsUserCommands.class})
final class KmsCommand {}
