package io.ekms.ekm.backup;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.Wipe;
import io.ekms.core.crypto.KeyCheck;
import io.ekms.core.db.Database;
import io.ekms.core.http.BuildInfo;
import io.ekms.ekm.backend.software.MasterKey;
import io.ekms.ekm.server.EkmConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code ekms ekm backup}: reads the EKM's tables in one consistent snapshot, with the master key
 * of a key-file keystore, and writes them sealed under a backup key to a new file (0600).
 */
public final class EkmBackup {
  private EkmBackup() {}

  /** Where the backup key is kept: a file, or only in {@code shareCount} custodians' shares. */
  public record KeySource(String kind, Integer threshold, Integer shareCount) {
    public static KeySource file() {
      return new KeySource("file", null, null);
    }

    public static KeySource shares(int threshold, int shareCount) {
      return new KeySource("shares", threshold, shareCount);
    }
  }

  /** The file written and its manifest. */
  public record Made(Path file, String keyId, BackupManifest manifest) {}

  public static Made run(
      EkmConfig config,
      Map<String, String> env,
      BackupKey key,
      KeySource source,
      Path out,
      Clock clock)
      throws IOException {
    if (Files.exists(out)) {
      throw BackupRefusedException.refused(out + " exists; a backup never overwrites a file.");
    }
    List<TableRows> tables;
    try (Database db = TargetDatabase.open(config, env)) {
      tables = db.inTransaction(EkmBackup::snapshot);
    }
    BackupPayload payload = new BackupPayload(masterKey(config, tables), tables);
    byte[] bytes = payload.encode();
    try {
      BackupManifest manifest =
          new BackupManifest(
                  BackupFile.VERSION,
                  clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                  node(),
                  BuildInfo.version(),
                  source.kind(),
                  source.threshold(),
                  source.shareCount(),
                  payload.masterKey() == null ? BackupManifest.PASSPHRASE : BackupManifest.KEY_FILE,
                  hsmLabel(config, payload),
                  null,
                  null)
              .withPayload(payload.counts(), BackupFile.sha256(bytes));
      writeNew(out, BackupFile.seal(manifest, key, bytes));
      return new Made(out, key.id(), manifest);
    } finally {
      Wipe.bytes(bytes);
      payload.wipe();
    }
  }

  private static List<TableRows> snapshot(Connection c) throws java.sql.SQLException {
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    return TableExport.readAll(c);
  }

  /**
   * The key-file keystore's master key, proved to open this keystore; null for a passphrase one.
   */
  private static byte[] masterKey(EkmConfig config, List<TableRows> tables) throws IOException {
    if (config.keystore().passphrase() != null) {
      return null;
    }
    Object check =
        new BackupPayload(null, tables)
            .table(EkmTables.META)
            .lookup("name", "master_check", "meta_value");
    try (SecretBytes key = MasterKey.readFile(Path.of(config.keystore().masterKeyFile()))) {
      if (check != null && !KeyCheck.matches(key, (String) check)) {
        throw BackupRefusedException.refused(
            "the master key file does not open this EKM's keystore; back up with the EKM's own"
                + " configuration.");
      }
      return key.copy();
    }
  }

  private static String hsmLabel(EkmConfig config, BackupPayload payload) {
    if (payload.counts().get(BackupPayload.HSM_KEY_VERSIONS) == 0) {
      return null;
    }
    if (config.pkcs11() == null) {
      throw BackupRefusedException.refused(
          "this EKM has key versions in an HSM but its configuration names no pkcs11 token;"
              + " back up with the EKM's own configuration.");
    }
    return config.pkcs11().tokenLabel();
  }

  private static String node() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Writes through a temporary file (0600) so the backup appears whole or not at all. */
  private static void writeNew(Path out, byte[] bytes) throws IOException {
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".ekms-backup-", ".tmp", ownerOnly());
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static java.nio.file.attribute.FileAttribute<?> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  }
}
