package io.ekms.cli;

import io.ekms.sdk.KmsClient;
import io.ekms.sdk.KmsManagement;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ekms kms key-version create|list|get|schedule-deletion|cancel-deletion}: rotation is
 * "rotate in the EKM, then create a key version in the KMS", which binds the EKM key's current
 * version and makes it current.
 */
@Command(
    name = "key-version",
    mixinStandardHelpOptions = true,
    description = "Versions of a KMS key.",
    subcommands = {
      KmsKeyVersionCommands.Create.class,
      KmsKeyVersionCommands.ListVersions.class,
      KmsKeyVersionCommands.Get.class,
      KmsKeyVersionCommands.ScheduleDeletion.class,
      KmsKeyVersionCommands.CancelDeletion.class
    })
final class KmsKeyVersionCommands {
  static final List<Output.Column> COLUMNS =
      List.of(
          new Output.Column("ID", "/id"),
          new Output.Column("STATE", "/lifecycleState"),
          new Output.Column(
              "EXTERNAL VERSION", "/externalKeyReferenceDetails/externalKeyVersionId"),
          new Output.Column("CREATED", "/timeCreated"),
          new Output.Column("DELETION", "/timeOfDeletion"));

  private KmsKeyVersionCommands() {}

  /** Verbs on the versions of one key. */
  abstract static class VersionVerb extends KmsVerb {
    @Option(names = "--vault-id", description = "Default: the quickstart's.")
    String vaultId;

    @Option(names = "--key-id", description = "Default: the quickstart's.")
    String keyId;

    @Override
    List<Output.Column> columns() {
      return COLUMNS;
    }

    /** The key's vault, at its management endpoint. */
    KmsManagement management(KmsClient client) {
      return client.management(kms.vaultId(vaultId));
    }
  }

  @Command(
      name = "create",
      description = "Add a version bound to the EKM key's current version (rotate there first).")
  static final class Create extends VersionVerb {
    @Override
    Object run(KmsClient client) {
      return management(client).createKeyVersion(kms.keyId(keyId));
    }
  }

  @Command(name = "list", description = "List a key's versions.")
  static final class ListVersions extends VersionVerb {
    @Override
    Object run(KmsClient client) {
      return management(client).listKeyVersions(kms.keyId(keyId));
    }
  }

  @Command(name = "get", description = "Show one key version.")
  static final class Get extends VersionVerb {
    @Option(names = "--key-version-id", required = true)
    String keyVersionId;

    @Override
    Object run(KmsClient client) {
      return management(client).getKeyVersion(kms.keyId(keyId), keyVersionId);
    }
  }

  @Command(
      name = "schedule-deletion",
      description =
          "Schedule a version's deletion (7 to 30 days, default 30); not the current version, and"
              + " the EKM key version stays.")
  static final class ScheduleDeletion extends VersionVerb {
    @Option(names = "--key-version-id", required = true)
    String keyVersionId;

    @Option(names = "--time-of-deletion", description = "RFC 3339 time, 7 to 30 days from now.")
    Instant timeOfDeletion;

    @Override
    Object run(KmsClient client) {
      return management(client)
          .scheduleKeyVersionDeletion(kms.keyId(keyId), keyVersionId, timeOfDeletion);
    }
  }

  @Command(name = "cancel-deletion", description = "Cancel a scheduled key version deletion.")
  static final class CancelDeletion extends VersionVerb {
    @Option(names = "--key-version-id", required = true)
    String keyVersionId;

    @Override
    Object run(KmsClient client) {
      return management(client).cancelKeyVersionDeletion(kms.keyId(keyId), keyVersionId);
    }
  }
}
