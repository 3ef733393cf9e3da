package io.ekms.cli;

import io.ekms.admin.client.AdminHttp;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a server's admin API is and how to authenticate to it. Left out, the URL and data directory
 * default to the server's own defaults (EKM, KMS or identity), given by the verb.
 */
final class AdminOptions {
  @Option(
      names = "--output",
      defaultValue = "JSON",
      description = "json (the answer as sent, the default) or table.")
  Output.Format output;

  @Option(
      names = "--admin-url",
      description = "Admin API base URL (default: the server's default admin port on 127.0.0.1).")
  String url;

  @Option(
      names = "--data-dir",
      description = "The server's data directory, holding tls/ca.pem and admin.token.")
  Path dataDir;

  @Option(names = "--ca", description = "CA certificate (PEM) of the admin listener.")
  Path ca;

  @Option(names = "--token-file", description = "File holding the admin token.")
  Path tokenFile;

  /** A client of the admin API of {@code server} ("EKM", "KMS") with these options. */
  AdminHttp client(String server, String defaultUrl, Path defaultDataDir) {
    Path dir = dataDir != null ? dataDir : defaultDataDir;
    return AdminHttp.of(
        server,
        url != null ? url : defaultUrl,
        ca != null ? ca : dir.resolve("tls/ca.pem"),
        tokenFile != null ? tokenFile : dir.resolve("admin.token"));
  }
}
