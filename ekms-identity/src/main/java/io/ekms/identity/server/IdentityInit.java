package io.ekms.identity.server;

import io.ekms.core.crypto.KeyFile;
import io.ekms.core.db.Database;
import io.ekms.core.http.AdminCredential;
import io.ekms.core.tls.LocalCa;
import io.ekms.core.tls.ServerIdentity;
import io.ekms.identity.keys.KeySealer;
import io.ekms.identity.keys.SigningKeys;
import io.ekms.identity.store.MetaRepository;
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
 * {@code ekms identity init}: makes a data directory ready to serve: a local CA and a loopback
 * server certificate (when no TLS files exist), the master key file (0600), the first RSA signing
 * key (sealed under the master key) and the admin token (written 0600 to {@code admin.token}; only
 * its hash reaches the database). The token file is written last and marks the directory as
 * initialised, so an interrupted init is simply run again.
 */
public final class IdentityInit {
  static final String ADMIN_HASH = "admin_token_sha256";

  private IdentityInit() {}

  /** What init made or found; {@code created} is false when the directory was ready already. */
  public record Result(Path dataDir, Path caCertificate, Path adminTokenFile, boolean created) {}

  public static Result run(IdentityConfig config, Map<String, String> env) throws IOException {
    Path dir = config.dataPath();
    Files.createDirectories(dir);
    Path tokenFile = dir.resolve("admin.token");
    Path ca = dir.resolve("tls/ca.pem");
    if (Files.exists(tokenFile)) {
      return new Result(dir, ca, tokenFile, false);
    }
    Path cert = Path.of(config.tls().certificate());
    if (!Files.exists(cert)) {
      LocalCa localCa = LocalCa.create("ekms identity local CA");
      localCa.writeTo(dir.resolve("tls"), true);
      ServerIdentity id =
          localCa.issueServer("ekms-identity", List.of("localhost"), List.of("127.0.0.1", "::1"));
      id.writeTo(cert, Path.of(config.tls().privateKey()));
    }
    Path keyFile = Path.of(config.masterKeyFile());
    if (!Files.exists(keyFile)) {
      KeyFile.create(keyFile);
    }
    String token = AdminCredential.newToken(AdminCredential.IDENTITY_PREFIX);
    try (Database db = Database.open(config.database(), env, "db/identity", "db/audit");
        KeySealer sealer = new KeySealer(KeyFile.read(keyFile))) {
      db.inTransaction(
          c -> {
            new MetaRepository().put(c, ADMIN_HASH, AdminCredential.hash(token));
            return null;
          });
      SigningKeys.createFirst(db, sealer, Clock.systemUTC(), config.tokens().lifetimeSeconds());
    }
    writeOwnerOnly(tokenFile, token + "\n");
    return new Result(dir, ca, tokenFile, true);
  }

  /** Writes {@code file} (0600) through a temporary file, so it appears whole or not at all. */
  private static void writeOwnerOnly(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, content, StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
