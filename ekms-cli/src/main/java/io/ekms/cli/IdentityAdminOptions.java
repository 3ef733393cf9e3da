package io.ekms.cli;

import io.ekms.admin.client.AdminHttp;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the identity admin API is and how to authenticate; defaults fit a local data dir. */
final class IdentityAdminOptions {
  @Option(
      names = "--output",
      defaultValue = "JSON",
      description = "json (the answer as sent, the default) or table.")
  Output.Format output;

  @Option(
      names = "--admin-url",
      defaultValue = "https://127.0.0.1:8446",
      description = "Identity admin API base URL (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--data-dir",
      defaultValue = "ekms-data/identity",
      description = "Identity data directory holding tls/ca.pem and admin.token.")
  Path dataDir;

  @Option(names = "--ca", description = "CA certificate (PEM) of the admin listener.")
  Path ca;

  @Option(names = "--token-file", description = "File holding the identity admin token.")
  Path tokenFile;

  AdminHttp client() {
    return AdminHttp.of(
        "identity server",
        url,
        ca != null ? ca : dataDir.resolve("tls/ca.pem"),
        tokenFile != null ? tokenFile : dataDir.resolve("admin.token"));
  }
}
