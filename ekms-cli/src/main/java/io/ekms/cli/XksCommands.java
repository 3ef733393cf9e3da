package io.ekms.cli;

import io.ekms.admin.client.EkmAdmin;
import io.ekms.common.json.Json;
import io.ekms.core.crypto.Randoms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ekms ekm xks ...}: AWS XKS key stores, their SigV4 credentials and exposed keys. */
@Command(
    name = "xks",
    mixinStandardHelpOptions = true,
    description = "AWS KMS External Key Store (XKS) key stores served by the EKM.",
    subcommands = {
      XksCommands.Create.class,
      XksCommands.ListStores.class,
      XksCommands.Update.class,
      XksCommands.Delete.class,
      XksCommands.AddCredential.class,
      XksCommands.RemoveCredential.class,
      XksCommands.Expose.class,
      XksCommands.Unexpose.class
    })
public final class XksCommands {
  private static final String S = "/admin/v1/xks/keystores";
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private XksCommands() {}

  @Command(name = "create", description = "Create a key store under a URI path prefix.")
  static final class Create extends EkmAdminCommands.Verb {
    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--uri-prefix", defaultValue = "", description = "Without leading slash.")
    String prefix;

    @Option(names = "--rate", defaultValue = "0", description = "Requests/s; 0 = unlimited.")
    int rate;

    String method() {
      return "POST";
    }

    String path() {
      return S;
    }

    Object body() {
      return Map.of("name", name, "uriPrefix", prefix, "ratePerSecond", rate);
    }
  }

  @Command(name = "list", description = "List key stores (access key ids only, never secrets).")
  static final class ListStores extends EkmAdminCommands.Verb {
    @picocli.CommandLine.Mixin ListPage page;

    String method() {
      return "GET";
    }

    String path() {
      return S + page.query();
    }
  }

  @Command(
      name = "update",
      description =
          "Change a key store's rate limit; this node applies it from the next request on.")
  static final class Update extends EkmAdminCommands.Verb {
    @Option(names = "--rate", required = true, description = "Requests/s; 0 = unlimited.")
    int rate;

    @Parameters(index = "0", paramLabel = "STORE_ID")
    String storeId;

    String method() {
      return "PATCH";
    }

    String path() {
      return S + "/" + storeId;
    }

    Object body() {
      return Map.of("ratePerSecond", rate);
    }
  }

  @Command(
      name = "delete",
      description =
          "Delete a key store with its credentials and exposed keys; the EKM keys stay. Refused"
              + " while key-access policies are attached to it.")
  static final class Delete extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "STORE_ID")
    String storeId;

    String method() {
      return "DELETE";
    }

    String path() {
      return S + "/" + storeId;
    }
  }

  @Command(
      name = "add-credential",
      description =
          "Add a SigV4 credential. Without --access-key-id, one is generated and its secret"
              + " printed once.")
  static final class AddCredential extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "STORE_ID")
    String storeId;

    @Option(names = "--access-key-id")
    String accessKeyId;

    @Option(names = "--secret-file", description = "File holding the secret access key.")
    Path secretFile;

    String method() {
      return "POST";
    }

    String path() {
      return S + "/" + storeId + "/credentials";
    }

    @Override
    public Integer call() throws Exception {
      boolean generate = accessKeyId == null;
      if (generate == (secretFile != null)) {
        throw new IllegalArgumentException(
            "give --access-key-id together with --secret-file, or neither");
      }
      String akid = generate ? newAccessKeyId() : accessKeyId;
      String secret =
          generate ? Base64.getEncoder().encodeToString(Randoms.bytes(32)) : readSecret(secretFile);
      EkmAdmin ekm = new EkmAdmin(client());
      AdminCalls.run(
          () -> {
            ekm.addXksCredential(storeId, akid, secret);
            return akid;
          });
      Map<String, String> shown = new LinkedHashMap<>();
      shown.put("accessKeyId", akid);
      if (generate) {
        shown.put("secretAccessKey", secret);
      }
      System.out.println(Json.writeString(shown));
      return 0;
    }
  }

  @Command(name = "remove-credential", description = "Remove a SigV4 credential at once.")
  static final class RemoveCredential extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "STORE_ID")
    String storeId;

    @Parameters(index = "1", paramLabel = "ACCESS_KEY_ID")
    String accessKeyId;

    String method() {
      return "DELETE";
    }

    String path() {
      return S + "/" + storeId + "/credentials/" + accessKeyId;
    }
  }

  @Command(name = "expose", description = "Expose an EKM key (AES-256) under an external key id.")
  static final class Expose extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "STORE_ID")
    String storeId;

    @Parameters(index = "1", paramLabel = "EXTERNAL_KEY_ID")
    String externalKeyId;

    @Option(names = "--vault-id", required = true)
    String vaultId;

    @Option(names = "--key-id", required = true)
    String keyId;

    @Option(
        names = "--usage",
        defaultValue = "ENCRYPT_DECRYPT",
        description = "ENCRYPT_DECRYPT, ENCRYPT_ONLY, DECRYPT_ONLY or NONE.")
    String usage;

    String method() {
      return "PUT";
    }

    String path() {
      return S + "/" + storeId + "/keys/" + externalKeyId;
    }

    Object body() {
      return Map.of("vaultId", vaultId, "keyId", keyId, "usage", usage);
    }
  }

  @Command(name = "unexpose", description = "Stop exposing an external key id.")
  static final class Unexpose extends EkmAdminCommands.Verb {
    @Parameters(index = "0", paramLabel = "STORE_ID")
    String storeId;

    @Parameters(index = "1", paramLabel = "EXTERNAL_KEY_ID")
    String externalKeyId;

    String method() {
      return "DELETE";
    }

    String path() {
      return S + "/" + storeId + "/keys/" + externalKeyId;
    }
  }

  /** 26 characters of [A-Z2-7] from 130 random bits. */
  public static String newAccessKeyId() {
    byte[] random = Randoms.bytes(26);
    StringBuilder out = new StringBuilder();
    for (byte b : random) {
      out.append(BASE32[(b & 0xff) % 32]);
    }
    return out.toString();
  }

  private static String readSecret(Path file) throws java.io.IOException {
    io.ekms.common.secret.SecretFiles.requireOwnerOnly(file, "secret access key file");
    return Files.readString(file, StandardCharsets.US_ASCII).strip();
  }
}
