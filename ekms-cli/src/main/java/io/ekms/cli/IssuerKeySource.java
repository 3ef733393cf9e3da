package io.ekms.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a trusted issuer's signing keys come from: the options {@code issuer add|update} share. */
final class IssuerKeySource {
  @Option(names = "--jwks-uri")
  String jwksUri;

  @Option(names = "--discovery-url")
  String discoveryUrl;

  @Option(names = "--ca-bundle", description = "PEM file of CAs for fetching the JWKS.")
  Path caBundle;

  /**
   * Puts {@code jwksUri}, {@code discoveryUrl} and {@code caBundle} (the file's PEM) into {@code
   * body}.
   */
  void putInto(Map<String, String> body) {
    body.put("jwksUri", jwksUri);
    body.put("discoveryUrl", discoveryUrl);
    try {
      body.put("caBundle", caBundle == null ? null : Files.readString(caBundle));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --ca-bundle " + caBundle);
    }
  }
}
