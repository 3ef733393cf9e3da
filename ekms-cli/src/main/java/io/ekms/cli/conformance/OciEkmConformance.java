package io.ekms.cli.conformance;

import com.nimbusds.jwt.SignedJWT;
import io.ekms.common.secret.SecretBytes;
import io.ekms.conformance.Minter;
import io.ekms.conformance.TokenSource;
import io.ekms.conformance.Wire;
import io.ekms.conformance.oci.OciEkmSuite;
import io.ekms.conformance.oci.OciTarget;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ekms conformance oci-ekm}: the OCI EKM API checks against one vault of an EKM. */
@Command(
    name = OciEkmSuite.NAME,
    mixinStandardHelpOptions = true,
    description = "Check an EKM's OCI EKM API on one vault and one ENCRYPT/DECRYPT key.")
final class OciEkmConformance implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(
      names = "--endpoint",
      required = true,
      description = "The vault's base URL, e.g. https://ekm:8443/oci/ekm/v1/vaults/VAULT.")
  String endpoint;

  @Option(
      names = "--key-id",
      required = true,
      description = "A key of the vault with ENCRYPT and DECRYPT.")
  String keyId;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Credentials credentials;

  static final class Credentials {
    @Option(names = "--token-file", description = "A valid access token for the vault's client.")
    Path tokenFile;

    @ArgGroup(exclusive = false)
    ClientCredentials client;
  }

  static final class ClientCredentials {
    @Option(names = "--token-url", required = true, description = "OAuth2 token endpoint.")
    String tokenUrl;

    @Option(names = "--client-id", required = true)
    String clientId;

    @Option(names = "--client-secret-file", required = true)
    Path secretFile;

    @Option(names = "--scope", required = true, description = "e.g. <audience>oci_ekms.")
    String scope;
  }

  @Option(
      names = "--other-token-file",
      description = "A valid token of a client not bound to the vault.")
  Path otherTokenFile;

  @Mixin IssuerOptions issuer;

  @Override
  public Integer call() throws Exception {
    Wire wire = common.wire();
    TokenSource token = token(wire);
    Optional<Minter> minter =
        issuer.canMint()
            ? issuer.minter(SignedJWT.parse(token.token()).getJWTClaimsSet())
            : Optional.empty();
    var target =
        new OciTarget(
            wire,
            endpoint.replaceAll("/+$", ""),
            keyId,
            token,
            Optional.ofNullable(otherTokenFile).map(Sources::fixedFromFile),
            issuer.keys(wire, token),
            minter,
            common.hooks(),
            common.budget(),
            common.latencyCalls);
    return common.run(
        spec.commandLine().getOut(),
        OciEkmSuite.NAME,
        target.vaultUrl(),
        OciEkmSuite.checks(target));
  }

  private TokenSource token(Wire wire) throws java.io.IOException {
    if (credentials.tokenFile != null) {
      return Sources.fixedFromFile(credentials.tokenFile);
    }
    var c = credentials.client;
    return TokenSource.clientCredentials(
        wire,
        c.tokenUrl,
        c.clientId,
        SecretBytes.adopt(
            Sources.read(c.secretFile).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        c.scope);
  }
}
