package io.ekms.cli;

import io.ekms.ekm.backup.BackupKey;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ekms ekm backup-key new --out F}: a fresh backup key file. */
@Command(
    name = "backup-key",
    mixinStandardHelpOptions = true,
    description = "Backup keys: the keys EKM backups are sealed under (never the master key).",
    subcommands = {EkmBackupKeyCommand.New.class})
final class EkmBackupKeyCommand {

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description =
          "Write a new backup key: 32 random bytes, readable by their owner only (0600). Keep it"
              + " apart from the EKM and its backups.")
  static final class New implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The new file.")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (java.nio.file.Files.exists(out)) {
        throw new IllegalArgumentException(out + " exists; a backup key is never overwritten.");
      }
      String id = BackupKey.createFile(out);
      spec.commandLine().getOut().println("Backup key " + id + " written to " + out + " (0600).");
      return 0;
    }
  }
}
