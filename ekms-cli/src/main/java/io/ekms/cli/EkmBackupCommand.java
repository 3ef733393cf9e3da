package io.ekms.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ekms.common.json.Json;
import io.ekms.ekm.backup.BackupFile;
import io.ekms.ekm.backup.BackupKey;
import io.ekms.ekm.backup.BackupManifest;
import io.ekms.ekm.backup.EkmBackup;
import io.ekms.ekm.backup.EkmRestore;
import io.ekms.ekm.backup.KeyShares;
import io.ekms.ekm.server.EkmConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ekms ekm backup}: the EKM's data in one file sealed under a backup key, from a key file or
 * a new key split into Shamir shares printed once; {@code inspect} and {@code verify} read one.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description =
        "Back up the EKM (keystore, issuers, vaults, keys and versions, policies, XKS and Google"
            + " key stores) into one encrypted file. Reads the database directly: stop an EKM"
            + " on H2 first; on PostgreSQL nodes may keep serving.",
    subcommands = {EkmBackupCommand.Inspect.class, EkmBackupCommand.Verify.class})
final class EkmBackupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", description = "The EKM's YAML config file.")
  Path config;

  @Option(names = "--data-dir", description = "Data directory (default: the config's dataDir).")
  Path dataDir;

  @Option(names = "--out", paramLabel = "FILE", description = "The new backup file (0600).")
  Path out;

  @Option(
      names = "--backup-key-file",
      paramLabel = "FILE",
      description = "Seal under this backup key (ekms ekm backup-key new).")
  Path keyFile;

  @Option(
      names = "--shares",
      paramLabel = "N",
      description = "Seal under a new backup key split into N Shamir shares, printed once.")
  Integer shares;

  @Option(
      names = "--threshold",
      paramLabel = "M",
      description = "With --shares: how many shares restore the key (2 to N).")
  Integer threshold;

  @Override
  public Integer call() throws Exception {
    if (out == null
        || (keyFile == null) == (shares == null)
        || (shares == null) != (threshold == null)) {
      throw new IllegalArgumentException(
          "give --out and either --backup-key-file or --shares N --threshold M.");
    }
    EkmConfig cfg = EkmServeCommand.load(config, dataDir);
    PrintWriter stdout = spec.commandLine().getOut();
    if (keyFile != null) {
      try (BackupKey key = BackupKey.readFile(keyFile)) {
        EkmBackup.Made made =
            EkmBackup.run(
                cfg, System.getenv(), key, EkmBackup.KeySource.file(), out, Clock.systemUTC());
        stdout.println(summary(made) + ".");
      }
      return 0;
    }
    try (BackupKey key = BackupKey.generate()) {
      List<String> lines = KeyShares.split(key, shares, threshold);
      EkmBackup.Made made =
          EkmBackup.run(
              cfg,
              System.getenv(),
              key,
              EkmBackup.KeySource.shares(threshold, shares),
              out,
              Clock.systemUTC());
      PrintWriter stderr = spec.commandLine().getErr();
      stderr.println(
          summary(made)
              + ", split into "
              + shares
              + " shares, any "
              + threshold
              + " of which restore it. Give each custodian one line below: they are printed"
              + " this once and kept nowhere.");
      stderr.flush();
      lines.forEach(stdout::println);
      stdout.flush();
    }
    return 0;
  }

  private static String summary(EkmBackup.Made made) {
    return "Backup written to "
        + made.file()
        + " ("
        + counts(made.manifest())
        + "), sealed under backup key "
        + made.keyId();
  }

  static String counts(BackupManifest manifest) {
    StringJoiner out = new StringJoiner(", ");
    for (Map.Entry<String, Integer> e : manifest.counts().entrySet()) {
      out.add(e.getKey().replaceFirst("^ekm_", "") + " " + e.getValue());
    }
    return out.toString();
  }

  static void printHeader(PrintWriter out, Path file, BackupFile.Header header, boolean authentic) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("file", file.toString())
        .put("formatVersion", header.formatVersion())
        .put("backupKeyId", header.keyId())
        .put("authenticated", authentic)
        .set("manifest", Json.mapper().valueToTree(header.manifest()));
    out.println(Json.writeString(node));
    out.flush();
  }

  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description =
          "Print a backup's manifest without its key. Nothing is authenticated until the key"
              + " opens the file (backup verify, restore).")
  static final class Inspect implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
      printHeader(
          spec.commandLine().getOut(), file, BackupFile.inspect(BackupFile.read(file)), false);
      return 0;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Open a whole backup with its key and check it, changing nothing.")
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Mixin BackupKeyInput key;

    @Override
    public Integer call() throws Exception {
      byte[] bytes = BackupFile.read(file);
      try (BackupKey opened = key.open()) {
        EkmRestore.verify(bytes, opened);
      }
      printHeader(spec.commandLine().getOut(), file, BackupFile.inspect(bytes), true);
      return 0;
    }
  }
}
