package io.ekms.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ekms ekm version ...}: versions of a key. */
@Command(
    name = "version",
    description = "Versions of a key.",
    subcommands = {VersionCommands.ListVersions.class, VersionCommands.Action.class})
final class VersionCommands {
  /** Verbs on the versions of one key. */
  abstract static class OfKey extends EkmAdminCommands.Verb {
    @Option(names = "--vault-id", required = true)
    String vaultId;

    @Option(names = "--key-id", required = true)
    String keyId;

    String versions() {
      return "/admin/v1/vaults/" + vaultId + "/keys/" + keyId + "/versions";
    }
  }

  @Command(name = "list", description = "List the key's versions.")
  static final class ListVersions extends OfKey {
    String method() {
      return "GET";
    }

    String path() {
      return versions();
    }
  }

  @Command(name = "do", description = "enable | disable | destroy a version.")
  static final class Action extends OfKey {
    @Parameters(index = "0", paramLabel = "ACTION")
    String action;

    @Parameters(index = "1", paramLabel = "VERSION_ID")
    String versionId;

    String method() {
      if (!List.of("enable", "disable", "destroy").contains(action)) {
        throw new IllegalArgumentException("ACTION must be enable, disable or destroy");
      }
      return "POST";
    }

    String path() {
      return versions() + "/" + versionId + "/" + action;
    }
  }
}
