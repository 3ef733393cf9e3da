package io.ekms.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ekms ekm vault block|unblock VAULT_ID}: the customer's kill switch. */
abstract class VaultAction extends EkmAdminCommands.Verb {
  @Parameters(index = "0", paramLabel = "VAULT_ID")
  String vaultId;

  abstract String action();

  @Override
  String method() {
    return "POST";
  }

  @Override
  String path() {
    return "/admin/v1/vaults/" + vaultId + "/" + action();
  }

  @Command(name = "block", description = "Block a vault: every operation on it fails at once.")
  static final class Block extends VaultAction {
    @Override
    String action() {
      return "block";
    }
  }

  @Command(name = "unblock", description = "Unblock a vault.")
  static final class Unblock extends VaultAction {
    @Override
    String action() {
      return "unblock";
    }
  }
}
