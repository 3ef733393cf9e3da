package io.ekms.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

  @Option(names = "--jwks-uri")
  String jwksUri;

  @Option(names = "--discovery-url")
  String discoveryUrl;

  @Option(names = "--ca-bundle", description = "PEM file of CAs for fetching the JWKS.")
  java.nio.file.Path caBundle;

  String method() {
    return "PUT";
  }

  String path() {
    return "/admin/v1/issuers/" + issuerId;
  }

  Object body() {
    Map<String, String> b = new LinkedHashMap<>();
    b.put("jwksUri", jwksUri);
    b.put("discoveryUrl", discoveryUrl);
    try {
      b.put("caBundle", caBundle == null ? null : java.nio.file.Files.readString(caBundle));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read --ca-bundle " + caBundle);
    }
    return b;
  }
}
