package io.ekms.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ekms ekm gcp ...}: Google Cloud EKM key stores, their allowed service accounts, refused
 * access reasons and exposed keys.
 */
@Command(
    name = "gcp",
    mixinStandardHelpOptions = true,
    description = "Google Cloud EKM key stores served by the EKM.",
    subcommands = {
      GcpCommands.Create.class,
      GcpCommands.ListStores.class,
      GcpCommands.AddServiceAccount.class,
      GcpCommands.RemoveServiceAccount.class,
      GcpCommands.DenyReasons.class,
      GcpCommands.Expose.class,
      GcpCommands.Unexpose.class
    })
public final class GcpCommands {
  private static final String S = "/admin/v1/gcp/keystores";

  private GcpCommands() {}

  @Command(name = "create", description = "Create a key store under a URI path prefix.")
  static final class Create extends EkmAdminCommands.Verb {
    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--uri-prefix", defaultValue = "", description = "Without leading slash.")
    String prefix;

    @Option(
        names = "--audience",
        required = true,
        description = "An audience the ID tokens may name (repeatable), e.g. the EKM's URL.")
    List<String> audiences;

    @Option(names = "--issuer", description = "Default: https://accounts.google.com.")
    String issuer;

    @Option(
        names = "--jwks-url",
        description = "Default: https://www.googleapis.com/oauth2/v3/certs.")
    String jwksUrl;

    @Option(names = "--ca-file", description = "PEM CA certificates for fetching the JWKS.")
    Path caFile;

    @Option(names = "--rate", defaultValue = "0", description = "Requests/s; 0 = unlimited.")
    int rate;

    @Option(names = "--deny-reason", description = "An access reason to refuse (repeatable).")
    List<String> deniedReasons;

    String method() {
      return "POST";
    }

    String path() {
      return S;
    }

    Object body() {
      Map<String, Object> body = new HashMap<>();
      body.put("name", name);
      body.put("uriPrefix", prefix);
      body.put("audiences", audiences);
      body.put("ratePerSecond", rate);
      body.put("issuer", issuer);
      body.put("jwksUrl", jwksUrl);
      body.put("deniedReasons", deniedReasons == null ? List.of() : deniedReasons);
      if (caFile != null) {
        try {
          body.put("caBundlePem", Files.readString(caFile, StandardCharsets.US_ASCII));
        } catch (java.io.IOException e) {
          throw new IllegalArgumentException("cannot read --ca-file " + caFile);
        }
      }
      return body;
    }
  }

  @Command(name = "list", description = "List key stores.")
  static final class ListStores extends EkmAdminCommands.Verb {
    @picocli.CommandLine.Mixin ListPage page;

    String method() {
      return "GET";
    }

    String path() {
      return S + page.query();
    }
  }

  @Command(name = "add-service-account", description = "Allow a service account to call.")
  static final class AddServiceAccount extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "STORE_ID")
    String storeId;

    @Parameters(index = "1", paramLabel = "EMAIL")
    String email;

    String method() {
      return "POST";
    }

    String path() {
      return S + "/" + storeId + "/service-accounts";
    }

    Object body() {
      return Map.of("email", email);
    }
  }

  @Command(name = "remove-service-account", description = "Disallow a service account at once.")
  static final class RemoveServiceAccount extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "STORE_ID")
    String storeId;

    @Parameters(index = "1", paramLabel = "EMAIL")
    String email;

    String method() {
      return "DELETE";
    }

    String path() {
      return S + "/" + storeId + "/service-accounts/" + email;
    }
  }

  @Command(
      name = "deny-reasons",
      description = "Set the access reasons the store refuses (none given: allow every reason).")
  static final class DenyReasons extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "STORE_ID")
    String storeId;

    @Parameters(index = "1..*", paramLabel = "REASON")
    List<String> reasons;

    String method() {
      return "PUT";
    }

    String path() {
      return S + "/" + storeId + "/denied-reasons";
    }

    Object body() {
      return Map.of("deniedReasons", reasons == null ? List.of() : reasons);
    }
  }

  @Command(name = "expose", description = "Expose an EKM key (AES-256) under a key name.")
  static final class Expose extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "STORE_ID")
    String storeId;

    @Parameters(index = "1", paramLabel = "KEY_NAME")
    String keyName;

    @Option(names = "--vault-id", required = true)
    String vaultId;

    @Option(names = "--key-id", required = true)
    String keyId;

    String method() {
      return "PUT";
    }

    String path() {
      return S + "/" + storeId + "/keys/" + keyName;
    }

    Object body() {
      return Map.of("vaultId", vaultId, "keyId", keyId);
    }
  }

  @Command(name = "unexpose", description = "Stop exposing a key name.")
  static final class Unexpose extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "STORE_ID")
    String storeId;

    @Parameters(index = "1", paramLabel = "KEY_NAME")
    String keyName;

    String method() {
      return "DELETE";
    }

    String path() {
      return S + "/" + storeId + "/keys/" + keyName;
    }
  }
}
