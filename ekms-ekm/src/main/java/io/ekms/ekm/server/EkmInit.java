package io.ekms.ekm.server;

import io.ekms.core.admin.FirstAdministrator;
import io.ekms.core.db.Database;
import io.ekms.core.tls.LocalCa;
import io.ekms.core.tls.ServerIdentity;
import io.ekms.ekm.backend.software.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code ekms ekm init}: makes a data directory ready to serve: a local CA and a loopback server
 * certificate (when no TLS files exist), the master key file (unless a passphrase is used), and the
 * bootstrap admin token (written 0600 to {@code admin.token}; only its hash reaches the database),
 * which can only enroll the first security officer.
 */
public final class EkmInit {
  private EkmInit() {}

  /** Every migration location of the EKM's database, for everything that opens it. */
  public static final String[] MIGRATIONS = {"db/ekm", "db/audit", "db/admins"};

  /** What init made; the admin token is non-null only when a new one was created. */
  public record Result(Path dataDir, Path caCertificate, Path adminTokenFile, boolean created) {}

  public static boolean initialized(EkmConfig config) {
    return Files.exists(config.dataPath().resolve("admin.token"));
  }

  /** Init with a bootstrap token only: the first security officer is enrolled through the API. */
  public static Result run(EkmConfig config, Map<String, String> env) throws IOException {
    return run(config, env, null);
  }

  /**
   * Init; when {@code first} is not null the bootstrap token is spent on that administrator at
   * once, and {@code admin.token} holds its token instead.
   */
  public static Result run(EkmConfig config, Map<String, String> env, FirstAdministrator first)
      throws IOException {
    Path dir = config.dataPath();
    Files.createDirectories(dir);
    Path tokenFile = dir.resolve("admin.token");
    if (Files.exists(tokenFile)) {
      return new Result(dir, dir.resolve("tls/ca.pem"), tokenFile, false);
    }
    Path cert = Path.of(config.tls().certificate());
    if (!Files.exists(cert)) {
      LocalCa ca = LocalCa.create("ekms local CA");
      ca.writeTo(dir.resolve("tls"), true);
      ServerIdentity id =
          ca.issueServer("ekms-ekm", List.of("localhost"), List.of("127.0.0.1", "::1"));
      id.writeTo(cert, Path.of(config.tls().privateKey()));
    }
    if (config.keystore().passphrase() == null) {
      Path keyFile = Path.of(config.keystore().masterKeyFile());
      if (!Files.exists(keyFile)) {
        MasterKey.createFile(keyFile);
      }
    }
    // The hash is stored before the token file appears: the file marks the directory initialized,
    // so a failure in between must leave no file and a rerun starts over with a fresh token.
    String token;
    try (Database db = Database.open(config.database(), env, MIGRATIONS)) {
      token = FirstAdministrator.initialize(db, Clock.systemUTC(), first);
    }
    writeOwnerOnly(tokenFile, token + "\n");
    return new Result(dir, dir.resolve("tls/ca.pem"), tokenFile, true);
  }

  /**
   * Writes {@code file} (mode 0600) through a temporary file, so it appears whole or not at all.
   */
  private static void writeOwnerOnly(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, content, StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
