package io.ekms.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ekms ekm key ...}: keys of a vault. */
@Command(
    name = "key",
    description = "Keys of a vault.",
    subcommands = {
      KeyCommands.Create.class,
      KeyCommands.ListKeys.class,
      KeyCommands.Get.class,
      KeyCommands.Update.class,
      KeyCommands.Action.class
    })
final class KeyCommands {
  /** Verbs on the keys of one vault. */
  abstract static class InVault extends EkmAdminCommands.Verb {
    @Option(names = "--vault-id", required = true)
    String vaultId;

    String keys() {
      return "/admin/v1/vaults/" + vaultId + "/keys";
    }
  }

  @Command(name = "create", description = "Create an AES key (its version 1 is generated).")
  static final class Create extends InVault {
    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--length-bits", defaultValue = "256")
    int lengthBits;

    @Option(names = "--ops", split = ",", defaultValue = "ENCRYPT,DECRYPT")
    List<String> ops;

    @Option(names = "--backend", description = "Key backend (default: the EKM's default).")
    String backend;

    String method() {
      return "POST";
    }

    String path() {
      return keys();
    }

    Object body() {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("name", name);
      b.put("lengthBits", lengthBits);
      b.put("ops", ops);
      b.put("backend", backend);
      return b;
    }
  }

  @Command(name = "list", description = "List the vault's keys.")
  static final class ListKeys extends InVault {
    @picocli.CommandLine.Mixin ListPage page;

    String method() {
      return "GET";
    }

    String path() {
      return keys() + page.query();
    }
  }

  @Command(name = "get", description = "Show one key.")
  static final class Get extends InVault {
    @Parameters(index = "0", paramLabel = "KEY_ID")
    String keyId;

    String method() {
      return "GET";
    }

    String path() {
      return keys() + "/" + keyId;
    }
  }

  @Command(
      name = "update",
      description =
          "Change what a key allows, from the next call on: its operations (at least one), whether"
              + " a KMS may ask for its rotation, its crypto period (docs/operations.md).")
  static final class Update extends InVault {
    @Option(names = "--ops", split = ",", description = "ENCRYPT, DECRYPT.")
    List<String> ops;

    @Option(
        names = "--kms-rotation",
        description = "allow | deny | quorum: what the EKM answers a KMS asking to rotate the key.")
    String kmsRotation;

    @Option(
        names = "--rotation-period-days",
        description = "1 to 3650: the EKM rotates the key by itself that often; none: never.")
    String rotationPeriodDays;

    @Parameters(index = "0", paramLabel = "KEY_ID")
    String keyId;

    String method() {
      return "PATCH";
    }

    String path() {
      return keys() + "/" + keyId;
    }

    Object body() {
      // A tree, so that "none" is sent as null (no crypto period) rather than left out.
      var body = io.ekms.common.json.Json.mapper().createObjectNode();
      if (ops != null) {
        ops.forEach(body.putArray("ops")::add);
      }
      if (kmsRotation != null) {
        body.put("kmsRotation", kmsRotation.toUpperCase(java.util.Locale.ROOT));
      }
      if ("none".equalsIgnoreCase(rotationPeriodDays)) {
        body.putNull("rotationPeriodDays");
      } else if (rotationPeriodDays != null) {
        try {
          body.put("rotationPeriodDays", Integer.parseInt(rotationPeriodDays));
        } catch (NumberFormatException e) {
          throw new picocli.CommandLine.ParameterException(
              new picocli.CommandLine(this),
              "--rotation-period-days must be a number of days (1 to 3650) or none");
        }
      }
      return body;
    }
  }

  @Command(
      name = "do",
      description =
          "rotate | enable | disable | delete | cancel-deletion a key. delete schedules the"
              + " deletion (30 days unless --pending-days or the EKM's config says otherwise).")
  static final class Action extends InVault {
    private static final List<String> ACTIONS =
        List.of("rotate", "enable", "disable", "delete", "cancel-deletion");

    @Parameters(
        index = "0",
        paramLabel = "ACTION",
        description = "rotate, enable, disable, delete or cancel-deletion")
    String action;

    @Parameters(index = "1", paramLabel = "KEY_ID")
    String keyId;

    @picocli.CommandLine.Option(
        names = "--pending-days",
        description =
            "with delete: 7 to 30 days the key waits, refusing every call, before it goes")
    Integer pendingDays;

    String method() {
      if (!ACTIONS.contains(action)) {
        throw new IllegalArgumentException(
            "ACTION must be rotate, enable, disable, delete or cancel-deletion");
      }
      if (pendingDays != null && !action.equals("delete")) {
        throw new IllegalArgumentException("--pending-days goes with delete only");
      }
      return "POST";
    }

    String path() {
      return keys() + "/" + keyId + "/" + action;
    }

    @Override
    Object body() {
      return pendingDays == null ? null : java.util.Map.of("pendingDays", pendingDays);
    }
  }
}
