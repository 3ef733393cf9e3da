package io.ekms.cli.conformance;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ekms.conformance.Minter;
import io.ekms.conformance.TokenSource;
import io.ekms.conformance.Wire;
import io.ekms.conformance.gcp.GcpEkmSuite;
import io.ekms.conformance.gcp.GcpTarget;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ekms conformance gcp-ekm}: the Cloud EKM wrap/unwrap checks against one external key. */
@Command(
    name = GcpEkmSuite.NAME,
    mixinStandardHelpOptions = true,
    description =
        "Check an EKM's Google Cloud EKM interface on one external key. Give a valid ID token"
            + " (--token-file), or the signing key of an issuer the EKM trusts with the claims to mint"
            + " (--signing-key with --issuer, --audience and --service-account).")
final class GcpEkmConformance implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(
      names = "--key-uri",
      required = true,
      description = "The external key's URI, e.g. https://ekm:8443/gcp/p1/v0/keys/payments.")
  String keyUri;

  @Option(
      names = "--key-path",
      description = "The keyPath Cloud KMS sends (default: the URI from v0/keys/ on).")
  String keyPath;

  @Option(names = "--token-file", description = "A valid ID token of an allowed service account.")
  Path tokenFile;

  @Option(names = "--issuer", description = "iss of minted tokens.")
  String issuer;

  @Option(names = "--audience", description = "aud of minted tokens.")
  String audience;

  @Option(
      names = "--service-account",
      description = "email of minted tokens: an allowed service account.")
  String serviceAccount;

  @Mixin IssuerOptions issuerOptions;

  @Override
  public Integer call() throws Exception {
    Wire wire = common.wire();
    String uri = keyUri.replaceAll("/+$", "");
    String path = keyPath != null ? keyPath : derivedKeyPath(uri);
    Optional<Minter> minter;
    TokenSource token;
    if (tokenFile != null) {
      token = Sources.fixedFromFile(tokenFile);
      minter = issuerOptions.minter(SignedJWT.parse(token.token()).getJWTClaimsSet());
    } else if (issuerOptions.canMint()
        && issuer != null
        && audience != null
        && serviceAccount != null) {
      minter = issuerOptions.minter(googleShaped());
      token = minter.orElseThrow()::valid;
    } else {
      throw new IllegalArgumentException(
          "give --token-file, or --signing-key with --issuer, --audience and --service-account");
    }
    var target =
        new GcpTarget(
            wire,
            uri,
            path,
            token,
            issuerOptions.keys(wire, token),
            minter,
            common.hooks(),
            common.budget(),
            common.latencyCalls);
    return common.run(
        spec.commandLine().getOut(), GcpEkmSuite.NAME, uri, GcpEkmSuite.checks(target));
  }

  /** The claims of the ID token Google mints for the Cloud KMS service agent. */
  private JWTClaimsSet googleShaped() {
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .subject("112233445566778899000")
        .claim("azp", serviceAccount)
        .claim("email", serviceAccount)
        .claim("email_verified", true)
        .build();
  }

  private static String derivedKeyPath(String uri) {
    int at = uri.indexOf("v0/keys/");
    if (at < 0) {
      throw new IllegalArgumentException("the key URI has no v0/keys/: give --key-path");
    }
    return uri.substring(at);
  }
}
