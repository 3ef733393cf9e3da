package io.ekms.cli;

import io.ekms.admin.client.AdminHttp;
import io.ekms.common.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ekms ekm issuer|vault|key|version|audit ...}: the admin API from the command line. */
final class EkmAdminCommands {
  private EkmAdminCommands() {}

  /** Base of every admin verb: runs one call and prints the JSON answer. */
  abstract static class Verb implements Callable<Integer> {
    @Mixin AdminOptions admin;

    abstract String method();

    abstract String path();

    Object body() {
      return null;
    }

    /** The admin API this verb talks to when --admin-url is left out (the EKM's). */
    String defaultUrl() {
      return "https://127.0.0.1:8444";
    }

    java.nio.file.Path defaultDataDir() {
      return java.nio.file.Path.of("ekms-data/ekm");
    }

    /** Names the server in messages ("the EKM answered 404 ..."). */
    String server() {
      return "EKM";
    }

    AdminHttp client() {
      return admin.client(server(), defaultUrl(), defaultDataDir());
    }

    /** Prints the server's answer as it sent it, or as a table with {@code --output table}. */
    @Override
    public Integer call() throws Exception {
      Object body = body();
      AdminHttp http = client();
      String json = body == null ? null : Json.writeString(body);
      String answer = AdminCalls.run(() -> http.send(method(), path(), json));
      if (answer.isEmpty()) {
        System.out.println();
        return 0;
      }
      AdminOutput.print(new java.io.PrintWriter(System.out, true), admin.output, answer);
      return 0;
    }
  }

  @Command(
      name = "issuer",
      description = "Trusted OAuth issuers.",
      subcommands = {
        IssuerAdd.class,
        IssuerList.class,
        IssuerUpdateCommand.class,
        IssuerRemove.class
      })
  static final class Issuer {}

  @Command(name = "add", description = "Trust an issuer (by discovery URL, or issuer + JWKS URL).")
  static final class IssuerAdd extends Verb {
    @Option(names = "--issuer", required = true)
    String issuer;

    @Mixin IssuerKeySource keys;

    String method() {
      return "POST";
    }

    String path() {
      return "/admin/v1/issuers";
    }

    Object body() {
      Map<String, String> b = new LinkedHashMap<>();
      b.put("issuer", issuer);
      keys.putInto(b);
      return b;
    }
  }

  @Command(name = "list", description = "List trusted issuers.")
  static final class IssuerList extends Verb {
    @picocli.CommandLine.Mixin ListPage page;

    String method() {
      return "GET";
    }

    String path() {
      return "/admin/v1/issuers" + page.query();
    }
  }

  @Command(
      name = "remove",
      description = "Stop trusting an issuer; refused while any vault trusts it.")
  static final class IssuerRemove extends Verb {
    @Parameters(index = "0", paramLabel = "ISSUER_ID")
    String issuerId;

    String method() {
      return "DELETE";
    }

    String path() {
      return "/admin/v1/issuers/" + issuerId;
    }
  }

  @Command(
      name = "vault",
      description = "External vaults.",
      subcommands = {
        VaultCreate.class,
        VaultList.class,
        VaultGet.class,
        VaultAction.Block.class,
        VaultAction.Unblock.class,
        VaultDelete.class,
        VaultRebindCommand.class
      })
  static final class Vault {}

  @Command(name = "create", description = "Create a vault bound to one OAuth client.")
  static final class VaultCreate extends Verb {
    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--issuer-id", required = true)
    String issuerId;

    @Option(names = "--client-id", required = true)
    String clientId;

    String method() {
      return "POST";
    }

    String path() {
      return "/admin/v1/vaults";
    }

    Object body() {
      return Map.of("name", name, "issuerId", issuerId, "clientId", clientId);
    }
  }

  @Command(name = "list", description = "List vaults.")
  static final class VaultList extends Verb {
    @picocli.CommandLine.Mixin ListPage page;

    String method() {
      return "GET";
    }

    String path() {
      return "/admin/v1/vaults" + page.query();
    }
  }

  @Command(name = "get", description = "Show one vault.")
  static final class VaultGet extends Verb {
    @Parameters(index = "0", paramLabel = "VAULT_ID")
    String vaultId;

    String method() {
      return "GET";
    }

    String path() {
      return "/admin/v1/vaults/" + vaultId;
    }
  }

  @Command(
      name = "delete",
      description =
          "Delete a vault with its deleted keys; refused while it holds a key that is not deleted,"
              + " a key store exposes one of its keys, or a policy is attached to it or its keys.")
  static final class VaultDelete extends Verb {
    @Parameters(index = "0", paramLabel = "VAULT_ID")
    String vaultId;

    String method() {
      return "DELETE";
    }

    String path() {
      return "/admin/v1/vaults/" + vaultId;
    }
  }
}
