package io.ekms.cli;

import io.ekms.sdk.KmsClient;
import io.ekms.sdk.KmsManagement;
import io.ekms.sdk.model.Key;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ekms kms key ...}: external key references in a KMS vault. Reads default their ids to the
 * quickstart's; changes need {@code --key-id} spelled out.
 */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = "Keys of a KMS vault: references to EKM keys (OCI KMS API).",
    subcommands = {
      KmsKeyCommands.Create.class,
      KmsKeyCommands.ListKeys.class,
      KmsKeyCommands.Get.class,
      KmsKeyCommands.Update.class,
      KmsKeyCommands.Enable.class,
      KmsKeyCommands.Disable.class,
      KmsKeyCommands.ScheduleDeletion.class,
      KmsKeyCommands.CancelDeletion.class
    })
final class KmsKeyCommands {
  static final List<Output.Column> COLUMNS =
      List.of(
          new Output.Column("ID", "/id"),
          new Output.Column("NAME", "/displayName"),
          new Output.Column("STATE", "/lifecycleState"),
          new Output.Column("CURRENT VERSION", "/currentKeyVersion"),
          new Output.Column("EXTERNAL KEY", "/externalKeyReferenceDetails/externalKeyId"),
          new Output.Column("DELETION", "/timeOfDeletion"));

  private KmsKeyCommands() {}

  /** Verbs on the keys of one vault, printing keys. */
  abstract static class KeyVerb extends KmsVerb {
    @Option(names = "--vault-id", description = "Default: the quickstart's.")
    String vaultId;

    abstract Object run(KmsManagement management);

    @Override
    Object run(KmsClient client) {
      return run(client.management(kms.vaultId(vaultId)));
    }

    @Override
    List<Output.Column> columns() {
      return COLUMNS;
    }
  }

  @Command(name = "create", description = "Create a key referring to an EKM key.")
  static final class Create extends KeyVerb {
    @Option(names = "--compartment-id", description = "Default: the quickstart's.")
    String compartmentId;

    @Option(names = "--display-name", required = true)
    String displayName;

    @Option(names = "--external-key-id", required = true, description = "The EKM key's id.")
    String externalKeyId;

    @Override
    Object run(KmsManagement m) {
      return m.createKey(
          Key.Create.external(kms.compartmentId(compartmentId), displayName, externalKeyId));
    }
  }

  @Command(name = "list", description = "List the vault's keys in a compartment.")
  static final class ListKeys extends KeyVerb {
    @Option(names = "--compartment-id", description = "Default: the quickstart's.")
    String compartmentId;

    @Override
    Object run(KmsManagement m) {
      return m.listKeys(kms.compartmentId(compartmentId));
    }
  }

  @Command(name = "get", description = "Show one key (default: the quickstart's).")
  static final class Get extends KeyVerb {
    @Option(names = "--key-id")
    String keyId;

    @Override
    Object run(KmsManagement m) {
      return m.getKey(kms.keyId(keyId));
    }
  }

  @Command(name = "update", description = "Rename a key.")
  static final class Update extends KeyVerb {
    @Option(names = "--key-id", required = true)
    String keyId;

    @Option(names = "--display-name", required = true)
    String displayName;

    @Override
    Object run(KmsManagement m) {
      return m.updateKey(keyId, displayName);
    }
  }

  @Command(name = "enable", description = "Enable a disabled key.")
  static final class Enable extends KeyVerb {
    @Option(names = "--key-id", required = true)
    String keyId;

    @Override
    Object run(KmsManagement m) {
      return m.enableKey(keyId);
    }
  }

  @Command(name = "disable", description = "Disable a key: crypto with it fails until enabled.")
  static final class Disable extends KeyVerb {
    @Option(names = "--key-id", required = true)
    String keyId;

    @Override
    Object run(KmsManagement m) {
      return m.disableKey(keyId);
    }
  }

  @Command(
      name = "schedule-deletion",
      description = "Schedule the key's deletion (7 to 30 days, default 30); the EKM key stays.")
  static final class ScheduleDeletion extends KeyVerb {
    @Option(names = "--key-id", required = true)
    String keyId;

    @Option(names = "--time-of-deletion", description = "RFC 3339 time, 7 to 30 days from now.")
    Instant timeOfDeletion;

    @Override
    Object run(KmsManagement m) {
      return m.scheduleKeyDeletion(keyId, timeOfDeletion);
    }
  }

  @Command(name = "cancel-deletion", description = "Cancel a scheduled key deletion.")
  static final class CancelDeletion extends KeyVerb {
    @Option(names = "--key-id", required = true)
    String keyId;

    @Override
    Object run(KmsManagement m) {
      return m.cancelKeyDeletion(keyId);
    }
  }
}
