package io.ekms.core.audit;

import io.ekms.common.config.Misconfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The default node id of a server: kept in its data directory, so it survives restarts (the node
 * resumes its chain) and differs between servers with their own directories. Made on first start as
 * {@code node-} and 8 random hex digits. Two processes started on copies of one directory share it,
 * and the second is refused at start ({@link NodeClaim}); set {@code audit.nodeId} for them.
 */
final class NodeIdFile {
  static final String NAME = "audit-node-id";

  private static final SecureRandom RANDOM = new SecureRandom();

  private NodeIdFile() {}

  static String readOrCreate(Path dataDir) {
    Path file = dataDir.resolve(NAME);
    try {
      if (Files.exists(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!AuditNodes.isValid(id)) {
          throw new Misconfiguration(
              file + " holds no valid node id; fix it, remove it, or set audit.nodeId.");
        }
        return id;
      }
      byte[] random = new byte[4];
      RANDOM.nextBytes(random);
      String id = "node-" + HexFormat.of().formatHex(random);
      Files.createDirectories(dataDir);
      Path temp = Files.createTempFile(dataDir, NAME, ".tmp");
      Files.writeString(temp, id + "\n", StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      return id;
    } catch (IOException e) {
      throw new Misconfiguration("cannot read or make " + file + "; set audit.nodeId.", e);
    }
  }
}
