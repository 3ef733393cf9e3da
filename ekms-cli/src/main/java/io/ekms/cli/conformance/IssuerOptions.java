package io.ekms.cli.conformance;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import io.ekms.conformance.IssuerKeys;
import io.ekms.conformance.Minter;
import io.ekms.conformance.TokenSource;
import io.ekms.conformance.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What the token checks of the bearer-token protocols (OCI, Google) may know of the issuer. */
final class IssuerOptions {
  @Option(
      names = "--jwks-url",
      description = "The issuer's JWKS (default: found by OIDC discovery).")
  String jwksUrl;

  @Option(
      names = "--signing-key",
      paramLabel = "JWK-FILE",
      description =
          "The issuer's private signing key (a test issuer's), to mint expired and wrong tokens.")
  Path signingKey;

  boolean canMint() {
    return signingKey != null;
  }

  /** The issuer's published keys: from {@code --jwks-url}, else discovered from the token. */
  IssuerKeys keys(Wire wire, TokenSource token) {
    return new IssuerKeys(wire, Optional.ofNullable(jwksUrl), token);
  }

  /** A minter of tokens like {@code template} with the signing key; empty without one. */
  Optional<Minter> minter(JWTClaimsSet template) throws Exception {
    if (signingKey == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Minter(JWK.parse(Files.readString(signingKey)), template, Clock.systemUTC()));
  }
}
