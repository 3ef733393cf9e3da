package io.ekms.stack;

import io.ekms.core.tls.LocalCa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The one local CA of a {@link LoopbackStack}, and the loopback certificates it issues. */
final class StackCa {
  private StackCa() {}

  /** The CA in {@code dir} ({@code ca.pem}, {@code ca-key.pem}): made on first run, then loaded. */
  static LocalCa loadOrCreate(Path dir) throws IOException {
    if (Files.exists(dir.resolve("ca.pem"))) {
      return LocalCa.load(dir);
    }
    LocalCa ca = LocalCa.create("ekms loopback local CA");
    ca.writeTo(dir, true);
    return ca;
  }

  /**
   * Issues a loopback certificate into a server's default TLS files (before its init, which then
   * keeps them) and puts the CA beside it, where the admin commands look for it. Kept when present.
   */
  static void issueServer(LocalCa ca, String name, Path serverDir) throws IOException {
    Path tls = serverDir.resolve("tls");
    if (Files.exists(tls.resolve("server.pem"))) {
      return;
    }
    Files.createDirectories(tls);
    ca.issueServer(name, List.of("localhost"), List.of("127.0.0.1", "::1"))
        .writeTo(tls.resolve("server.pem"), tls.resolve("server-key.pem"));
    Path caFile = serverDir.getParent().resolve("tls/ca.pem");
    Files.copy(caFile, tls.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
  }
}
