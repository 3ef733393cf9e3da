package io.ekms.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ekms kms user ...}: KMS users, their API keys and per-compartment grants. */
@Command(
    name = "user",
    description = "KMS users, API signing keys and compartment grants.",
    subcommands = {
      KmsUserCommands.Create.class,
      KmsUserCommands.ListUsers.class,
      KmsUserCommands.Get.class,
      KmsUserCommands.AddKey.class,
      KmsUserCommands.ListKeys.class,
      KmsUserCommands.RemoveKey.class,
      KmsUserCommands.Grant.class,
      KmsUserCommands.ListGrants.class,
      KmsUserCommands.Revoke.class
    })
final class KmsUserCommands {
  private KmsUserCommands() {}

  /** Base of the KMS admin verbs: the KMS admin API's defaults. */
  abstract static class KmsVerb extends EkmAdminCommands.Verb {
    @Override
    String server() {
      return "KMS";
    }

    @Override
    String defaultUrl() {
      return "https://127.0.0.1:9444";
    }

    @Override
    Path defaultDataDir() {
      return Path.of("ekms-data/kms");
    }
  }

  @Command(name = "create", description = "Create a user in a tenancy.")
  static final class Create extends KmsVerb {
    @Option(names = "--tenancy-id", required = true)
    String tenancyId;

    @Option(names = "--name", required = true)
    String name;

    String method() {
      return "POST";
    }

    String path() {
      return "/admin/v1/users";
    }

    Object body() {
      return Map.of("tenancyId", tenancyId, "name", name);
    }
  }

  @Command(name = "list", description = "List the users of a tenancy.")
  static final class ListUsers extends KmsVerb {
    @Option(names = "--tenancy-id", required = true)
    String tenancyId;

    String method() {
      return "GET";
    }

    String path() {
      return "/admin/v1/users?tenancyId=" + tenancyId;
    }
  }

  @Command(name = "get", description = "Show one user.")
  static final class Get extends KmsVerb {
    @Option(names = "--user-id", required = true)
    String userId;

    String method() {
      return "GET";
    }

    String path() {
      return "/admin/v1/users/" + userId;
    }
  }

  @Command(name = "add-key", description = "Register an RSA public key (PEM) for signing.")
  static final class AddKey extends KmsVerb {
    @Option(names = "--user-id", required = true)
    String userId;

    @Option(names = "--public-key-file", required = true)
    Path file;

    String method() {
      return "POST";
    }

    String path() {
      return "/admin/v1/users/" + userId + "/apiKeys";
    }

    Object body() {
      try {
        return Map.of("publicKey", Files.readString(file));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot read --public-key-file " + file);
      }
    }
  }

  @Command(name = "list-keys", description = "List a user's API keys and their fingerprints.")
  static final class ListKeys extends KmsVerb {
    @Option(names = "--user-id", required = true)
    String userId;

    String method() {
      return "GET";
    }

    String path() {
      return "/admin/v1/users/" + userId + "/apiKeys";
    }
  }

  @Command(
      name = "remove-key",
      description = "Remove an API key: requests signed with it fail from the next one on.")
  static final class RemoveKey extends KmsVerb {
    @Option(names = "--user-id", required = true)
    String userId;

    @Option(names = "--fingerprint", required = true, description = "As add-key printed it.")
    String fingerprint;

    String method() {
      return "DELETE";
    }

    String path() {
      return "/admin/v1/users/" + userId + "/apiKeys/" + fingerprint;
    }
  }

  @Command(name = "grant", description = "Grant read, use or manage in a compartment.")
  static final class Grant extends KmsVerb {
    @Option(names = "--user-id", required = true)
    String userId;

    @Option(names = "--compartment-id", required = true)
    String compartmentId;

    @Option(names = "--permission", required = true, description = "read, use or manage")
    String permission;

    String method() {
      return "POST";
    }

    String path() {
      return "/admin/v1/users/" + userId + "/grants";
    }

    Object body() {
      return Map.of("compartmentId", compartmentId, "permission", permission);
    }
  }

  @Command(name = "list-grants", description = "List a user's grants, one per compartment.")
  static final class ListGrants extends KmsVerb {
    @Option(names = "--user-id", required = true)
    String userId;

    String method() {
      return "GET";
    }

    String path() {
      return "/admin/v1/users/" + userId + "/grants";
    }
  }

  @Command(name = "revoke", description = "Remove a user's grant in a compartment.")
  static final class Revoke extends KmsVerb {
    @Option(names = "--user-id", required = true)
    String userId;

    @Option(names = "--compartment-id", required = true)
    String compartmentId;

    String method() {
      return "DELETE";
    }

    String path() {
      return "/admin/v1/users/" + userId + "/grants/" + compartmentId;
    }
  }
}
