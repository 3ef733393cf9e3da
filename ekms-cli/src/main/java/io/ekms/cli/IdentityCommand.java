package io.ekms.cli;

import picocli.CommandLine.Command;

/** {@code ekms identity ...}: the embedded OAuth2 authorization server and its administration. */
@Command(
    name = "identity",
    mixinStandardHelpOptions = true,
    description =
        "The identity server (OAuth2 client credentials for the KMS): serve it, register clients,"
            + " rotate its signing key.",
    subcommands = {
      IdentityInitCommand.class,
      IdentityServeCommand.class,
      IdentityAdminCommands.ClientGroup.class,
      IdentityAdminCommands.KeyGroup.class,
      IdentityAuditCommands.AuditGroup.class
    })
final class IdentityCommand {}
