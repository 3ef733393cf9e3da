package io.ekms.cli.conformance;

import io.ekms.common.tls.Pem;
import io.ekms.conformance.ClientTls;
import io.ekms.conformance.Wire;
import io.ekms.conformance.xks.XksSuite;
import io.ekms.conformance.xks.XksTarget;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ekms conformance xks}: the AWS XKS proxy API checks against one key store. */
@Command(
    name = XksSuite.NAME,
    mixinStandardHelpOptions = true,
    description = "Check an XKS proxy (one key store) as AWS KMS and its public test client do.")
final class XksConformance implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(
      names = "--endpoint",
      required = true,
      description =
          "The key store's URL with its URI prefix, without /kms/xks/v1, e.g. https://xks:8443/aws/ks1.")
  String endpoint;

  @Option(
      names = "--key-id",
      required = true,
      description = "An external key id with ENCRYPT and DECRYPT.")
  String keyId;

  @Option(names = "--access-key-id", required = true)
  String accessKeyId;

  @Option(names = "--secret-file", required = true, description = "File holding the SigV4 secret.")
  Path secretFile;

  @Option(names = "--second-access-key-id", description = "A second live credential of the store.")
  String secondAccessKeyId;

  @Option(names = "--second-secret-file")
  Path secondSecretFile;

  @Option(names = "--encrypt-only-key")
  String encryptOnlyKey;

  @Option(names = "--decrypt-only-key")
  String decryptOnlyKey;

  @Option(names = "--no-usage-key", description = "A key allowed neither encrypt nor decrypt.")
  String noUsageKey;

  @Option(
      names = "--client-cert",
      description = "PEM client certificate chain, when the store requires mutual TLS.")
  Path clientCert;

  @Option(names = "--client-key", description = "Its PEM private key.")
  Path clientKey;

  @Override
  public Integer call() throws Exception {
    var trusted = common.trusted();
    Wire wire = common.wire();
    Optional<XksTarget.MutualTls> mtls = Optional.empty();
    if (clientCert != null || clientKey != null) {
      if (clientCert == null || clientKey == null) {
        throw new IllegalArgumentException("--client-cert and --client-key go together");
      }
      wire =
          common.wire(
              ClientTls.of(trusted, Pem.certificates(clientCert), Pem.privateKey(clientKey)));
      mtls =
          Optional.of(
              new XksTarget.MutualTls(
                  common.wire(),
                  common.wire(ClientTls.selfSigned(trusted, false)),
                  common.wire(ClientTls.selfSigned(trusted, true))));
    }
    Optional<XksTarget.SigV4Credential> second = Optional.empty();
    if (secondAccessKeyId != null) {
      if (secondSecretFile == null) {
        throw new IllegalArgumentException("--second-access-key-id needs --second-secret-file");
      }
      second =
          Optional.of(
              new XksTarget.SigV4Credential(secondAccessKeyId, Sources.read(secondSecretFile)));
    }
    var target =
        new XksTarget(
            wire,
            endpoint.replaceAll("/+$", ""),
            keyId,
            new XksTarget.SigV4Credential(accessKeyId, Sources.read(secretFile)),
            second,
            new XksTarget.UsageKeys(
                Optional.ofNullable(encryptOnlyKey),
                Optional.ofNullable(decryptOnlyKey),
                Optional.ofNullable(noUsageKey)),
            mtls,
            common.hooks(),
            common.budget(),
            common.latencyCalls);
    return common.run(
        spec.commandLine().getOut(), XksSuite.NAME, target.baseUrl(), XksSuite.checks(target));
  }
}
