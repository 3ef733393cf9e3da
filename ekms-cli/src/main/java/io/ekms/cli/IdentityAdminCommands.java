package io.ekms.cli;

import io.ekms.admin.client.AdminHttp;
import io.ekms.common.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ekms identity client|key ...}: the identity admin API from the command line. */
final class IdentityAdminCommands {
  private static final String BASE = "/admin/v1/identity";

  private IdentityAdminCommands() {}

  /** Base of every identity admin verb: runs one call and prints the JSON answer. */
  abstract static class Verb implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin IdentityAdminOptions admin;

    abstract String method();

    abstract String path();

    Object body() {
      return null;
    }

    @Override
    public Integer call() throws Exception {
      Object body = body();
      AdminHttp http = admin.client();
      String json = body == null ? null : Json.writeString(body);
      String answer = AdminCalls.run(() -> http.send(method(), path(), json));
      AdminOutput.print(spec.commandLine().getOut(), admin.output, answer);
      return 0;
    }
  }

  @Command(
      name = "client",
      description = "OAuth clients allowed the client-credentials grant.",
      subcommands = {
        ClientCreate.class,
        ClientList.class,
        ClientRotateSecret.class,
        ClientDelete.class
      })
  static final class ClientGroup {}

  @Command(
      name = "create",
      description =
          "Register a client; prints its id and its secret, which is shown only this once.")
  static final class ClientCreate extends Verb {
    @Option(names = "--name", required = true)
    String name;

    @Option(
        names = "--audience",
        required = true,
        description = "Audience it may request tokens for, e.g. the EKM's URL (repeatable).")
    List<String> audiences;

    @Option(
        names = "--scope",
        defaultValue = "oci_ekms",
        description = "Scope name it may request (repeatable; default: ${DEFAULT-VALUE}).")
    List<String> scopes;

    @Option(
        names = "--email",
        description =
            "Make it a service account: its tokens carry this e-mail (email_verified true), as"
                + " Google's ID tokens do, for a Cloud EKM key store to allow.")
    String email;

    String method() {
      return "POST";
    }

    String path() {
      return BASE + "/clients";
    }

    Object body() {
      Map<String, Object> body = new java.util.HashMap<>();
      body.put("name", name);
      body.put("audiences", audiences);
      body.put("scopes", scopes);
      if (email != null) {
        body.put("email", email);
      }
      return body;
    }

    @Override
    public Integer call() throws Exception {
      int code = super.call();
      spec.commandLine()
          .getErr()
          .println("Store the clientSecret now: only its hash is kept, it cannot be shown again.");
      return code;
    }
  }

  @Command(name = "list", description = "List clients (never their secrets).")
  static final class ClientList extends Verb {
    String method() {
      return "GET";
    }

    String path() {
      return BASE + "/clients";
    }
  }

  @Command(
      name = "rotate-secret",
      description =
          "Give a client a new secret, shown only this once; the old one keeps working for the"
              + " grace period.")
  static final class ClientRotateSecret extends Verb {
    @Parameters(index = "0", paramLabel = "CLIENT_ID")
    String clientId;

    @Option(
        names = "--grace-seconds",
        defaultValue = "86400",
        description = "How long the old secret keeps working, 0 to 604800 (default: a day).")
    long graceSeconds;

    String method() {
      return "POST";
    }

    String path() {
      return BASE + "/clients/" + clientId + "/rotate-secret";
    }

    Object body() {
      return Map.of("graceSeconds", graceSeconds);
    }

    @Override
    public Integer call() throws Exception {
      int code = super.call();
      spec.commandLine()
          .getErr()
          .println(
              "Store the new clientSecret now: only its hash is kept. The old secret stops"
                  + " working in "
                  + graceSeconds
                  + " s.");
      return code;
    }
  }

  @Command(
      name = "delete",
      description = "Delete a client: no new tokens; issued ones run until they expire.")
  static final class ClientDelete extends Verb {
    @Parameters(index = "0", paramLabel = "CLIENT_ID")
    String clientId;

    String method() {
      return "DELETE";
    }

    String path() {
      return BASE + "/clients/" + clientId;
    }
  }

  @Command(
      name = "key",
      description = "The token signing keys.",
      subcommands = {KeyRotate.class, KeyList.class})
  static final class KeyGroup {}

  @Command(
      name = "rotate",
      description =
          "Make a new RSA key sign from now on; the previous one stays in the JWKS until every"
              + " token it signed has expired.")
  static final class KeyRotate extends Verb {
    String method() {
      return "POST";
    }

    String path() {
      return BASE + "/signing-keys/rotate";
    }
  }

  @Command(name = "list", description = "List the published signing keys.")
  static final class KeyList extends Verb {
    String method() {
      return "GET";
    }

    String path() {
      return BASE + "/signing-keys";
    }
  }
}
