package io.ekms.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ekms ekm issuer update}: where a trusted issuer's signing keys come from. */
@Command(
    name = "update",
    description =
        "Change where an issuer's keys come from (JWKS or discovery URL, CA bundle); its issuer"
            + " URL stays. Token validation reloads at once.")
final class IssuerUpdateCommand extends EkmAdminCommands.Verb {
  @Parameters(index = "0", paramLabel = "ISSUER_ID")
  String issuerId;

  @Mixin IssuerKeySource keys;

  String method() {
    return "PUT";
  }

  String path() {
    return "/admin/v1/issuers/" + issuerId;
  }

  Object body() {
    Map<String, String> b = new LinkedHashMap<>();
    keys.putInto(b);
    return b;
  }
}
