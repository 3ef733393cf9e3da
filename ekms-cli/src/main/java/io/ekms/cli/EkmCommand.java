package io.ekms.cli;

import picocli.CommandLine.Command;

/** {@code ekms ekm ...}: the external key manager's server and administration. */
@Command(
    name = "ekm",
    mixinStandardHelpOptions = true,
    description = "The external key manager (EKM): serve it and administer it.",
    subcommands = {
      EkmInitCommand.class,
      EkmServeCommand.class,
      EkmBackupCommand.class,
      EkmBackupKeyCommand.class,
      EkmRestoreCommand.class,
      EkmAdminCommands.Issuer.class,
      EkmAdminCommands.Vault.class,
      KeyCommands.class,
      VersionCommands.class,
      AuditCommands.class,
      XksCommands.class,
      GcpCommands.class,
      PolicyCommands.class,
      AdministratorCommands.Ekm.class,
      HeldRequestCommands.Ekm.class
    })
final class EkmCommand {}
