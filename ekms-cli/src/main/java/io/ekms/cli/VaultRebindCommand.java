package io.ekms.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ekms ekm vault rebind VAULT_ID --issuer-id ... --client-id ...}. */
@Command(
    name = "rebind",
    description =
        "Bind a vault to another trusted issuer and/or OAuth client; the old client is refused"
            + " from its next call. A quorum holds it by default.")
final class VaultRebindCommand extends EkmAdminCommands.Verb {
  @Parameters(index = "0", paramLabel = "VAULT_ID")
  String vaultId;

  @Option(names = "--issuer-id", description = "The trusted issuer whose tokens it accepts.")
  String issuerId;

  @Option(names = "--client-id", description = "The OAuth client that may use its keys.")
  String clientId;

  String method() {
    if (issuerId == null && clientId == null) {
      throw new IllegalArgumentException("give --issuer-id, --client-id or both");
    }
    return "PATCH";
  }

  String path() {
    return "/admin/v1/vaults/" + vaultId;
  }

  @Override
  Object body() {
    Map<String, String> body = new LinkedHashMap<>();
    if (issuerId != null) {
      body.put("issuerId", issuerId);
    }
    if (clientId != null) {
      body.put("clientId", clientId);
    }
    return body;
  }
}
