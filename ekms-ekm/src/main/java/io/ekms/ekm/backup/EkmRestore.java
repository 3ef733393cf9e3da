package io.ekms.ekm.backup;

import io.ekms.core.db.Database;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code ekms ekm restore}: brings a backup back into an EKM whose database holds no EKM data yet,
 * then initialises what the backup leaves to the node (TLS when missing, a new admin token).
 *
 * <p>Everything that can refuse is checked before anything is written: the file's authenticity, the
 * configuration's fit (keystore kind and passphrase, HSM token), the target's emptiness and
 * columns. Then the rows go in one transaction, and the master key file replaces the old one only
 * once that transaction committed.
 */
public final class EkmRestore {
  private EkmRestore() {}

  /** What was restored, and the node's init result (its new admin token file, its CA). */
  public record Restored(BackupManifest manifest, EkmInit.Result init) {}

  /**
   * Checks the whole file with {@code key} and answers its manifest; changes nothing ({@code ekms
   * ekm backup verify}).
   */
  public static BackupManifest verify(byte[] file, BackupKey key) {
    BackupPayload payload = open(file, key);
    payload.wipe();
    return BackupFile.inspect(file).manifest();
  }

  /**
   * Restores {@code file} into {@code config}'s database and data directory; {@code overwrite}
   * replaces the EKM data a non-empty target holds (in the same transaction).
   */
  public static Restored run(
      EkmConfig config, Map<String, String> env, byte[] file, BackupKey key, boolean overwrite)
      throws IOException {
    BackupManifest manifest = BackupFile.inspect(file).manifest();
    BackupPayload payload = open(file, key);
    try {
      RestoreFit.check(config, env, manifest, payload);
      Files.createDirectories(config.dataPath());
      Path pendingKey = payload.masterKey() == null ? null : stage(config, payload.masterKey());
      try {
        try (Database db = TargetDatabase.open(config, env)) {
          db.inTransaction(c -> write(c, payload.tables(), overwrite));
        }
        if (pendingKey != null) {
          Files.move(
              pendingKey,
              Path.of(config.keystore().masterKeyFile()),
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        }
      } finally {
        if (pendingKey != null) {
          Files.deleteIfExists(pendingKey);
        }
      }
    } finally {
      payload.wipe();
    }
    return new Restored(manifest, EkmInit.run(config, env));
  }

  private static BackupPayload open(byte[] file, BackupKey key) {
    BackupFile.Opened opened = BackupFile.open(file, key);
    try {
      BackupPayload payload = BackupPayload.decode(opened.payload());
      if (!payload.counts().equals(opened.header().manifest().counts())) {
        payload.wipe();
        throw BackupRefusedException.notAuthentic(
            "the backup's payload does not match its manifest's counts.");
      }
      return payload;
    } finally {
      java.util.Arrays.fill(opened.payload(), (byte) 0);
    }
  }

  private static Void write(Connection c, List<TableRows> tables, boolean overwrite)
      throws SQLException {
    Map<String, Long> present = TargetEmptiness.count(c);
    if (!present.isEmpty() && !overwrite) {
      throw BackupRefusedException.refused(
          "the target already holds EKM data ("
              + TargetEmptiness.describe(present)
              + "); restore refuses to replace it unless --overwrite is given.");
    }
    TableImport.requireColumns(c, tables);
    if (overwrite) {
      for (String table : EkmTables.ORDER.reversed()) {
        try (var delete = c.prepareStatement(EkmTables.delete(table))) {
          delete.executeUpdate();
        }
      }
    }
    for (String table : EkmTables.ORDER) {
      for (TableRows t : tables) {
        if (t.table().equals(table)) {
          TableImport.insert(c, t);
        }
      }
    }
    return null;
  }

  /** The master key, written 0600 beside where it goes, moved there after the commit. */
  private static Path stage(EkmConfig config, byte[] masterKey) throws IOException {
    Path target = Path.of(config.keystore().masterKeyFile()).toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path tmp =
        Files.createTempFile(
            target.getParent(),
            ".master-key-",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(tmp, masterKey);
    return tmp;
  }
}
