package io.ekms.kms.server;

import io.ekms.core.admin.FirstAdministrator;
import io.ekms.core.crypto.KeyFile;
import io.ekms.core.db.Database;
import io.ekms.core.tls.LocalCa;
import io.ekms.core.tls.ServerIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * {@code ekms kms init}: makes a KMS data directory ready: a TLS certificate for loopback (from the
 * given CA, or a new local one), the master key file (0600) that seals vault client secrets, and
 * the bootstrap admin token (0600 file; only its hash reaches the database), which can only enroll
 * the first security officer.
 */
public final class KmsInit {
  private KmsInit() {}

  /** Every migration location of the KMS's database, for everything that opens it. */
  public static final String[] MIGRATIONS = {"db/kms", "db/audit", "db/admins"};

  /** What init made or found. */
  public record Result(Path dataDir, Path caCertificate, Path adminTokenFile, boolean created) {}

  /** Init with a bootstrap token only: the first security officer is enrolled through the API. */
  public static Result run(KmsConfig config, Map<String, String> env, LocalCa ca)
      throws IOException {
    return run(config, env, ca, null);
  }

  /**
   * Init; when {@code first} is not null the bootstrap token is spent on that administrator at
   * once, and {@code admin.token} holds its token instead.
   */
  public static Result run(
      KmsConfig config, Map<String, String> env, LocalCa ca, FirstAdministrator first)
      throws IOException {
    Path dir = config.dataPath();
    Files.createDirectories(dir);
    Path tokenFile = dir.resolve("admin.token");
    Path caFile = dir.resolve("tls/ca.pem");
    if (Files.exists(tokenFile)) {
      return new Result(dir, caFile, tokenFile, false);
    }
    Path cert = Path.of(config.tls().certificate());
    if (!Files.exists(cert)) {
      LocalCa issuer = ca != null ? ca : LocalCa.create("ekms local CA");
      issuer.writeTo(dir.resolve("tls"), ca == null);
      ServerIdentity id =
          issuer.issueServer("ekms-kms", List.of("localhost"), List.of("127.0.0.1", "::1"));
      id.writeTo(cert, Path.of(config.tls().privateKey()));
    }
    Path keyFile = Path.of(config.masterKeyFile());
    if (!Files.exists(keyFile)) {
      KeyFile.create(keyFile);
    }
    String token;
    try (Database db = Database.open(config.database(), env, MIGRATIONS)) {
      token = FirstAdministrator.initialize(db, java.time.Clock.systemUTC(), first);
    }
    // The hash is stored first; the token file appears whole or not at all.
    Path tmp =
        Files.createTempFile(
            dir,
            "admin",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, tokenFile, StandardCopyOption.ATOMIC_MOVE);
    return new Result(dir, caFile, tokenFile, true);
  }
}
