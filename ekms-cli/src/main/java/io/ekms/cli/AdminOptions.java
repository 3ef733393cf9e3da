package io.ekms.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the EKM admin API is and how to authenticate to it; defaults fit a local data dir. */
final class AdminOptions {
  @Option(
      names = "--admin-url",
      defaultValue = "https://127.0.0.1:8444",
      description = "Admin API base URL (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--data-dir",
      defaultValue = "ekms-data/ekm",
      description = "EKM data directory holding tls/ca.pem and admin.token.")
  Path dataDir;

  @Option(names = "--ca", description = "CA certificate (PEM) of the admin listener.")
  Path ca;

  @Option(names = "--token-file", description = "File holding the admin token.")
  Path tokenFile;

  AdminClient client() throws IOException {
    return new AdminClient(
        url,
        ca != null ? ca : dataDir.resolve("tls/ca.pem"),
        tokenFile != null ? tokenFile : dataDir.resolve("admin.token"));
  }
}
