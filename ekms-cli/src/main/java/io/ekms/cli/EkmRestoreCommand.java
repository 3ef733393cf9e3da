package io.ekms.cli;

import io.ekms.ekm.backup.BackupFile;
import io.ekms.ekm.backup.BackupKey;
import io.ekms.ekm.backup.EkmRestore;
import io.ekms.ekm.server.EkmConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ekms ekm restore F}: brings a backup back into an EKM with no data yet. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description =
        "Restore an EKM backup into this config's database and data directory, which must hold"
            + " no EKM data yet (--overwrite replaces it). The node gets a new admin token; TLS"
            + " files are made as by init when missing. A refused restore changes nothing.")
final class EkmRestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The backup file.")
  Path file;

  @Option(names = "--config", description = "The new EKM's YAML config file.")
  Path config;

  @Option(names = "--data-dir", description = "Data directory (default: the config's dataDir).")
  Path dataDir;

  @Mixin BackupKeyInput key;

  @Option(
      names = "--overwrite",
      description =
          "Replace the EKM data the target holds (vaults, keys, stores, policies, keystore)"
              + " with the backup's, in one transaction.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    EkmConfig cfg = EkmServeCommand.load(config, dataDir);
    byte[] bytes = BackupFile.read(file);
    EkmRestore.Restored restored;
    try (BackupKey opened = key.open()) {
      restored = EkmRestore.run(cfg, System.getenv(), bytes, opened, overwrite);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Restored "
            + file
            + " into "
            + cfg.dataPath()
            + " ("
            + EkmBackupCommand.counts(restored.manifest())
            + ").");
    if (restored.init().created()) {
      out.println("New admin token file (0600): " + restored.init().adminTokenFile());
    }
    if (restored.manifest().hsmTokenLabel() != null) {
      out.println(
          "HSM-held key versions are references into token \""
              + restored.manifest().hsmTokenLabel()
              + "\": that token must still hold them.");
    }
    out.flush();
    return 0;
  }
}
