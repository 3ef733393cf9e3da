package io.ekms.cli;

import io.ekms.sdk.KmsClient;
import io.ekms.sdk.KmsClientBuilder;
import io.ekms.sdk.OciConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How the KMS verbs reach the KMS, shared by all of them. Each setting comes from, in order: its
 * option, its environment variable, the quickstart file ({@code --quickstart}), a built-in default.
 */
final class KmsOptions {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "KMS base URL (env EKMS_KMS_ENDPOINT).")
  String endpoint;

  @Option(
      names = "--config-file",
      paramLabel = "FILE",
      description = "OCI-style config file (env OCI_CLI_CONFIG_FILE; default ~/.oci/config).")
  Path configFile;

  @Option(
      names = "--profile",
      description = "Profile in the config file (env OCI_CLI_PROFILE; default DEFAULT).")
  String profile;

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description = "CA certificates to trust for the KMS's TLS (env EKMS_CA_FILE).")
  Path caFile;

  @Option(
      names = "--quickstart",
      paramLabel = "FILE",
      description =
          "quickstart.json giving defaults for the above and for ids (env EKMS_QUICKSTART).")
  Path quickstart;

  @Option(
      names = "--output",
      defaultValue = "json",
      paramLabel = "json|table",
      description = "json (default, one document) or table.")
  Output.Format output;

  private QuickstartFile quickstartFile;

  QuickstartFile quickstartFile() {
    if (quickstartFile == null) {
      String file =
          first(quickstart == null ? null : quickstart.toString(), env("EKMS_QUICKSTART"));
      quickstartFile = file == null ? QuickstartFile.NONE : QuickstartFile.read(Path.of(file));
    }
    return quickstartFile;
  }

  /** A client signed with the profile's API key, trusting the CA file if one is given. */
  KmsClient client() throws IOException {
    QuickstartFile.Kms qs = quickstartFile().kms();
    String url = first(endpoint, env("EKMS_KMS_ENDPOINT"), qs.endpoint());
    if (url == null) {
      throw new IllegalArgumentException(
          "no KMS endpoint is known; pass --endpoint, set EKMS_KMS_ENDPOINT or pass --quickstart");
    }
    KmsClientBuilder builder = KmsClient.builder().endpoint(url);
    builder.apiKey(apiKey(qs));
    String ca = first(str(caFile), env("EKMS_CA_FILE"), quickstartFile().caCertificate());
    if (ca != null) {
      Path file = Path.of(ca);
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException(
            "cannot read the CA file " + Paths.display(file) + ": no such file; fix --ca-file");
      }
      builder.trust(file);
    }
    return builder.build();
  }

  private io.ekms.sdk.ApiKey apiKey(QuickstartFile.Kms qs) {
    Path file =
        Path.of(
            first(
                str(configFile),
                env("OCI_CLI_CONFIG_FILE"),
                qs.ociConfig(),
                Path.of(System.getProperty("user.home"), ".oci", "config").toString()));
    String name = first(profile, env("OCI_CLI_PROFILE"), qs.profile(), "DEFAULT");
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(
          "cannot read the OCI config file "
              + Paths.display(file)
              + ": no such file; pass --config-file or run ekms quickstart");
    }
    try {
      return OciConfigFile.load(file, name).apiKey();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "cannot read the key_file "
              + e.getFile()
              + " named by profile "
              + name
              + " of "
              + Paths.display(file)
              + ": no such file; fix key_file");
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot use profile "
              + name
              + " of the OCI config file "
              + Paths.display(file)
              + ": "
              + Paths.sentence(e.getMessage())
              + "; pass --profile or fix the file");
    }
  }

  /** The compartment: the option, else the quickstart's; required. */
  String compartmentId(String option) {
    return required(option, quickstartFile().kms().compartmentId(), "--compartment-id");
  }

  /** The vault: the option, else the quickstart's; required. */
  String vaultId(String option) {
    return required(option, quickstartFile().kms().vaultId(), "--vault-id");
  }

  /** The key: the option, else the quickstart's; required. */
  String keyId(String option) {
    return required(option, quickstartFile().kms().keyId(), "--key-id");
  }

  /** The private endpoint: the option, else the quickstart's; required. */
  String privateEndpointId(String option) {
    return required(option, quickstartFile().kms().privateEndpointId(), "--private-endpoint-id");
  }

  private static String required(String option, String fromQuickstart, String name) {
    String value = first(option, fromQuickstart);
    if (value == null) {
      throw new IllegalArgumentException("missing " + name + "; pass it or pass --quickstart");
    }
    return value;
  }

  private static String env(String name) {
    return System.getenv(name);
  }

  private static String str(Path path) {
    return path == null ? null : path.toString();
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
