package io.ekms.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ekms ekm policy ...}: key-access policies, CEL conditions on a vault, key or key store
 * that decide every crypto request (docs/policies.md).
 */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Key-access policies: CEL conditions that decide every crypto request.",
    subcommands = {
      PolicyCommands.Create.class,
      PolicyCommands.ListPolicies.class,
      PolicyCommands.Show.class,
      PolicyCommands.Replace.class,
      PolicyCommands.Delete.class
    })
public final class PolicyCommands {
  private static final String ALL = "/admin/v1/policies";

  private PolicyCommands() {}

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }

  /** The condition, inline or from a file (multi-line conditions read better in a file). */
  static final class Condition {
    @Option(names = "--expression", description = "The CEL condition.")
    String inline;

    @Option(names = "--expression-file", description = "A file holding it.")
    Path file;

    String text() {
      if (inline != null) {
        return inline;
      }
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read --expression-file " + file);
      }
    }
  }

  @Command(name = "create", description = "Attach a policy to a vault, key or key store.")
  static final class Create extends EkmAdminCommands.Verb {
    @Option(names = "--name", required = true)
    String name;

    @Option(
        names = "--scope",
        required = true,
        description = "vault, key, xksKeyStore or gcpKeyStore.")
    String scope;

    @Option(names = "--scope-id", required = true, description = "The vault, key or store id.")
    String scopeId;

    @Option(
        names = "--effect",
        required = true,
        description = "ALLOW (only when the condition holds) or DENY (when it holds).")
    String effect;

    @ArgGroup(multiplicity = "1")
    Condition condition;

    String method() {
      return "POST";
    }

    String path() {
      return ALL;
    }

    Object body() {
      return Map.of(
          "name",
          name,
          "scope",
          scope,
          "scopeId",
          scopeId,
          "effect",
          effect,
          "expression",
          condition.text());
    }
  }

  @Command(name = "list", description = "List policies: all, or one vault's, key's or store's.")
  static final class ListPolicies extends EkmAdminCommands.Verb {
    @Option(names = "--scope", description = "vault, key, xksKeyStore or gcpKeyStore.")
    String scope;

    @Option(names = "--scope-id")
    String scopeId;

    @picocli.CommandLine.Mixin ListPage page;

    String method() {
      return "GET";
    }

    String path() {
      return page.on(
          scope == null && scopeId == null
              ? ALL
              : ALL + "?scope=" + enc(scope) + "&scopeId=" + enc(scopeId));
    }
  }

  @Command(name = "show", description = "Show one policy.")
  static final class Show extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "POLICY_ID")
    String id;

    String method() {
      return "GET";
    }

    String path() {
      return ALL + "/" + enc(id);
    }
  }

  @Command(name = "replace", description = "Replace a policy's effect and condition.")
  static final class Replace extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "POLICY_ID")
    String id;

    @Option(names = "--effect", required = true, description = "ALLOW or DENY.")
    String effect;

    @ArgGroup(multiplicity = "1")
    Condition condition;

    String method() {
      return "PUT";
    }

    String path() {
      return ALL + "/" + enc(id);
    }

    Object body() {
      return Map.of("effect", effect, "expression", condition.text());
    }
  }

  @Command(name = "delete", description = "Delete a policy; the next request no longer meets it.")
  static final class Delete extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "POLICY_ID")
    String id;

    String method() {
      return "DELETE";
    }

    String path() {
      return ALL + "/" + enc(id);
    }
  }
}
