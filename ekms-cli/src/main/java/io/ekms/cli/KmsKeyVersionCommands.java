package io.ekms.cli;

import io.ekms.sdk.KmsClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ekms kms key-version create|list}: rotation is "rotate in the EKM, then create a key
 * version in the KMS", which binds the EKM key's current version and makes it current.
 */
@Command(
    name = "key-version",
    mixinStandardHelpOptions = true,
    description = "Versions of a KMS key.",
    subcommands = {KmsKeyVersionCommands.Create.class, KmsKeyVersionCommands.ListVersions.class})
final class KmsKeyVersionCommands {
  static final List<Output.Column> COLUMNS =
      List.of(
          new Output.Column("ID", "/id"),
          new Output.Column("STATE", "/lifecycleState"),
          new Output.Column(
              "EXTERNAL VERSION", "/externalKeyReferenceDetails/externalKeyVersionId"),
          new Output.Column("CREATED", "/timeCreated"));

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
  }

  @Command(
      name = "create",
      description = "Add a version bound to the EKM key's current version (rotate there first).")
  static final class Create extends VersionVerb {
    @Override
    Object run(KmsClient client) {
      return client.management(kms.vaultId(vaultId)).createKeyVersion(kms.keyId(keyId));
    }
  }

  @Command(name = "list", description = "List a key's versions.")
  static final class ListVersions extends VersionVerb {
    @Override
    Object run(KmsClient client) {
      return client.management(kms.vaultId(vaultId)).listKeyVersions(kms.keyId(keyId));
    }
  }
}
