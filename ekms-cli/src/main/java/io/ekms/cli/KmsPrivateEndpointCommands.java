package io.ekms.cli;

import io.ekms.common.secret.WireSecret;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.model.PrivateEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ekms kms private-endpoint create|list|get|update|delete}: where the EKM is and which CA
 * the KMS trusts.
 */
@Command(
    name = "private-endpoint",
    mixinStandardHelpOptions = true,
    description = "EKMS private endpoints: the EKM's host, port and CA bundle.",
    subcommands = {
      KmsPrivateEndpointCommands.Create.class,
      KmsPrivateEndpointCommands.ListEndpoints.class,
      KmsPrivateEndpointCommands.Get.class,
      KmsPrivateEndpointCommands.Update.class,
      KmsPrivateEndpointCommands.Delete.class
    })
final class KmsPrivateEndpointCommands {
  static final List<Output.Column> COLUMNS =
      List.of(
          new Output.Column("ID", "/id"),
          new Output.Column("NAME", "/displayName"),
          new Output.Column("HOST", "/externalKeyManagerIp"),
          new Output.Column("PORT", "/port"),
          new Output.Column("STATE", "/lifecycleState"));

  private KmsPrivateEndpointCommands() {}

  /** Verbs printing private endpoints. */
  abstract static class EndpointVerb extends KmsVerb {
    @Override
    List<Output.Column> columns() {
      return COLUMNS;
    }
  }

  @Command(name = "create", description = "Create a private endpoint to an EKM.")
  static final class Create extends EndpointVerb {
    @Option(names = "--compartment-id", description = "Default: the quickstart's.")
    String compartmentId;

    @Option(names = "--display-name", required = true)
    String displayName;

    @Option(names = "--subnet-id", defaultValue = "ocid1.subnet.oc1..ekms")
    String subnetId;

    @Option(names = "--external-key-manager-ip", required = true, description = "The EKM's host.")
    String host;

    @Option(names = "--port", required = true, description = "The EKM API's port.")
    int port;

    @Option(
        names = "--failover-address",
        paramLabel = "HOST:PORT",
        description =
            "Another node of the same EKM (same vaults, same CA), tried in order when the ones"
                + " before fail; repeatable, up to 7. IPv6 in brackets: [fd00::5]:8443.")
    List<String> failoverAddresses = List.of();

    @Option(
        names = "--ca-bundle-file",
        required = true,
        paramLabel = "PEM",
        description = "CA certificates the KMS trusts for the EKM's TLS.")
    Path caBundleFile;

    @CommandLine.ArgGroup(exclusive = false)
    ClientCertFiles clientCert;

    @Override
    Object run(KmsClient client) throws IOException {
      if (!Files.isReadable(caBundleFile)) {
        throw new IllegalArgumentException(
            "cannot read --ca-bundle-file " + Paths.display(caBundleFile) + ": no such file");
      }
      try (WireSecret key = clientCert == null ? null : clientCert.key()) {
        return client.createPrivateEndpoint(
            new PrivateEndpoint.Create(
                kms.compartmentId(compartmentId),
                displayName,
                subnetId,
                host,
                port,
                Files.readString(caBundleFile),
                addresses(),
                clientCert == null ? null : clientCert.certificate(),
                key));
      }
    }

    /** Null for one node (the request stays as it always was), else every node, this one first. */
    private List<String> addresses() {
      if (failoverAddresses.isEmpty()) {
        return null;
      }
      List<String> all = new ArrayList<>();
      all.add((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
      all.addAll(failoverAddresses);
      return all;
    }
  }

  @Command(name = "list", description = "List the private endpoints of a compartment.")
  static final class ListEndpoints extends EndpointVerb {
    @Option(names = "--compartment-id", description = "Default: the quickstart's.")
    String compartmentId;

    @Override
    Object run(KmsClient client) {
      return client.listPrivateEndpoints(kms.compartmentId(compartmentId));
    }
  }

  @Command(name = "get", description = "Show one private endpoint (default: the quickstart's).")
  static final class Get extends EndpointVerb {
    @Option(names = "--private-endpoint-id")
    String privateEndpointId;

    @Override
    Object run(KmsClient client) {
      return client.getPrivateEndpoint(kms.privateEndpointId(privateEndpointId));
    }
  }

  /** {@code --client-cert} and {@code --client-key}: both or neither. */
  static final class ClientCertFiles {
    @Option(
        names = "--client-cert",
        required = true,
        paramLabel = "PEM",
        description =
            "Certificate chain the KMS presents to an EKM requiring client certificates (its own"
                + " certificate first); with --client-key.")
    Path certificate;

    @Option(
        names = "--client-key",
        required = true,
        paramLabel = "PEM",
        description = "Its unencrypted PKCS#8 private key; sealed by the KMS, never shown.")
    Path key;

    String certificate() throws IOException {
      return Files.readString(readable(certificate, "--client-cert"));
    }

    WireSecret key() throws IOException {
      return WireSecret.of(Files.readString(readable(key, "--client-key")));
    }

    private static Path readable(Path file, String option) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException(
            "cannot read " + option + " " + Paths.display(file) + ": no such file");
      }
      return file;
    }
  }

  @Command(
      name = "update",
      description =
          "Rename a private endpoint or replace (rotate) or remove its client certificate; its"
              + " addresses and CA bundle cannot change.")
  static final class Update extends EndpointVerb {
    @Option(names = "--private-endpoint-id", required = true)
    String privateEndpointId;

    @Option(names = "--display-name")
    String displayName;

    @CommandLine.ArgGroup(exclusive = false)
    ClientCertFiles clientCert;

    @Option(
        names = "--remove-client-cert",
        description = "Present no client certificate to the EKM any more.")
    boolean removeClientCert;

    @Override
    Object run(KmsClient client) throws IOException {
      if (removeClientCert && clientCert != null) {
        throw new IllegalArgumentException(
            "give --client-cert and --client-key, or --remove-client-cert, not both");
      }
      if (displayName == null && clientCert == null && !removeClientCert) {
        throw new IllegalArgumentException(
            "nothing to change: give --display-name, --client-cert with --client-key, or"
                + " --remove-client-cert");
      }
      String certificate = removeClientCert ? "" : null;
      try (WireSecret key =
          removeClientCert ? WireSecret.of("") : clientCert == null ? null : clientCert.key()) {
        if (clientCert != null) {
          certificate = clientCert.certificate();
        }
        return client.updatePrivateEndpoint(
            privateEndpointId, new PrivateEndpoint.Update(displayName, certificate, key));
      }
    }
  }

  @Command(
      name = "delete",
      description = "Delete a private endpoint at once; refused while any vault uses it.")
  static final class Delete extends EndpointVerb {
    @Option(names = "--private-endpoint-id", required = true)
    String privateEndpointId;

    /** The KMS answers 204 without a body; what it did is printed in the endpoint's terms. */
    @Override
    Object run(KmsClient client) {
      client.deletePrivateEndpoint(privateEndpointId);
      Map<String, String> deleted = new LinkedHashMap<>();
      deleted.put("id", privateEndpointId);
      deleted.put("lifecycleState", "DELETED");
      return deleted;
    }
  }
}
