package io.ekms.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ekms ekm admin ...} and {@code ekms kms admin ...}: named administrators and their roles.
 * The same verbs serve both servers; the group they are under says which.
 */
final class AdministratorCommands {
  private AdministratorCommands() {}

  /** The server a group of these verbs talks to. */
  interface Server {
    String name();

    String defaultUrl();

    Path defaultDataDir();
  }

  /** The EKM's admin API, for a group of verbs. */
  abstract static class EkmServer implements Server {
    @Override
    public String name() {
      return "EKM";
    }

    @Override
    public String defaultUrl() {
      return "https://127.0.0.1:8444";
    }

    @Override
    public Path defaultDataDir() {
      return Path.of("ekms-data/ekm");
    }
  }

  /** The KMS's admin API, for a group of verbs. */
  abstract static class KmsServer implements Server {
    @Override
    public String name() {
      return "KMS";
    }

    @Override
    public String defaultUrl() {
      return "https://127.0.0.1:9444";
    }

    @Override
    public Path defaultDataDir() {
      return Path.of("ekms-data/kms");
    }
  }

  @Command(
      name = "admin",
      description = "The EKM's named administrators and their roles.",
      subcommands = {
        Create.class,
        ListAll.class,
        Get.class,
        Remove.class,
        Rotate.class,
        WhoAmI.class
      })
  static final class Ekm extends EkmServer {}

  @Command(
      name = "admin",
      description = "The KMS's named administrators and their roles.",
      subcommands = {
        Create.class,
        ListAll.class,
        Get.class,
        Remove.class,
        Rotate.class,
        WhoAmI.class
      })
  static final class Kms extends KmsServer {}

  /** A verb of the group it is under. */
  abstract static class AdminVerb extends EkmAdminCommands.Verb {
    @ParentCommand Server parent;

    @Override
    String server() {
      return parent.name();
    }

    @Override
    String defaultUrl() {
      return parent.defaultUrl();
    }

    @Override
    Path defaultDataDir() {
      return parent.defaultDataDir();
    }

    static final String BASE = "/admin/v1/administrators";
  }

  @Command(
      name = "create",
      description =
          "Enroll an administrator; its token is printed once. With the bootstrap token, only the"
              + " first security officer.")
  static final class Create extends AdminVerb {
    @Option(names = "--name", required = true, description = "a-z, 0-9, '.', '_', '-'")
    String name;

    @Option(
        names = "--role",
        required = true,
        description = "security-officer, key-custodian, auditor or operator (repeatable)")
    List<String> roles;

    String method() {
      return "POST";
    }

    String path() {
      return BASE;
    }

    @Override
    Object body() {
      return Map.of("name", name, "roles", roles);
    }
  }

  @Command(name = "list", description = "List the administrators and their roles.")
  static final class ListAll extends AdminVerb {
    String method() {
      return "GET";
    }

    String path() {
      return BASE;
    }
  }

  @Command(name = "get", description = "Show one administrator.")
  static final class Get extends AdminVerb {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    String method() {
      return "GET";
    }

    String path() {
      return BASE + "/" + Paths.segment(name);
    }
  }

  @Command(name = "remove", description = "Remove an administrator; its token stops at once.")
  static final class Remove extends AdminVerb {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    String method() {
      return "DELETE";
    }

    String path() {
      return BASE + "/" + Paths.segment(name);
    }
  }

  @Command(
      name = "rotate-token",
      description = "Issue a new token for an administrator (printed once); the old one stops.")
  static final class Rotate extends AdminVerb {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    String method() {
      return "POST";
    }

    String path() {
      return BASE + "/" + Paths.segment(name) + "/rotate-token";
    }
  }

  @Command(name = "whoami", description = "Show the administrator the token names, and its roles.")
  static final class WhoAmI extends AdminVerb {
    String method() {
      return "GET";
    }

    String path() {
      return "/admin/v1/whoami";
    }
  }
}
