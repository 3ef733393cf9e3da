package io.ekms.stack;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.APPEND;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL server from the zonky binaries, in a fresh temporary directory, on a free port of
 * 127.0.0.1 with trust authentication for user {@code postgres}: the default database of a {@link
 * ProcessCluster}. {@link #close()} stops it and deletes its directory.
 *
 * <p>PostgreSQL refuses to run as root, and zonky's own workaround ({@code unshare -U}) needs user
 * namespaces that containers often deny: as root, {@code initdb} and {@code pg_ctl} run through
 * {@code setpriv} as {@code nobody} (uid/gid 65534).
 */
public final class EmbeddedPostgres implements AutoCloseable {
  /** The superuser; trust authentication, so no password. */
  public static final String USER = "postgres";

  private static final int NOBODY = 65534;
  private final boolean root;
  private final Path base;
  private final int port;

  private EmbeddedPostgres(boolean root, Path base, int port) {
    this.root = root;
    this.base = base;
    this.port = port;
  }

  /** Extracts the binaries, runs {@code initdb} and starts the server; waits until it accepts. */
  public static EmbeddedPostgres start() throws IOException {
    Path base = Files.createTempDirectory("ekms-postgres-");
    boolean root = (int) Files.getAttribute(base, "unix:uid") == 0;
    try {
      extractBinaries(base.resolve("pg"));
      Path data = base.resolve("data");
      if (root) {
        chown(base);
      }
      EmbeddedPostgres pg = new EmbeddedPostgres(root, base, freePort());
      pg.run("initdb", "-D", data, "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C");
      String settings =
          """
          port = %d
          listen_addresses = '127.0.0.1'
          unix_socket_directories = ''
          max_connections = 200
          timezone = 'UTC'
          """;
      Files.writeString(data.resolve("postgresql.conf"), settings.formatted(pg.port), APPEND);
      pg.run("pg_ctl", "start", "-D", data, "-w", "-t", "60");
      return pg;
    } catch (IOException | RuntimeException e) {
      Trees.deleteRecursively(base);
      throw e;
    }
  }

  /** The JDBC URL of database {@code postgres}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  @Override
  public void close() {
    try {
      if (Files.exists(base.resolve("data/postmaster.pid"))) {
        run("pg_ctl", "stop", "-D", base.resolve("data"), "-m", "fast", "-w");
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("Could not stop the embedded PostgreSQL: " + e.getMessage());
    }
    Trees.deleteRecursively(base);
  }

  private void run(String program, Object... args) throws IOException {
    List<String> line = new ArrayList<>();
    if (root) {
      line.addAll(
          List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    }
    line.add(base.resolve("pg/bin").resolve(program).toString());
    Stream.of(args).map(String::valueOf).forEach(line::add);
    Path log = base.resolve("postgres.log");
    Process process =
        new ProcessBuilder(line)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      if (process.waitFor() != 0) {
        throw new StackException(program + " failed:\n" + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while running " + program);
    }
  }

  private static void extractBinaries(Path target) throws IOException {
    String os = System.getProperty("os.name").startsWith("Mac") ? "Darwin" : "Linux";
    String arch = System.getProperty("os.arch").replace("amd64", "x86_64");
    try (InputStream archive = binaries(os, arch);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("archive entry outside its target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          continue;
        }
        Files.createDirectories(path.getParent());
        if (entry.isSymbolicLink()) {
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createLink(path, target.resolve(entry.getLinkName()));
        } else {
          Files.copy(tar, path);
          path.toFile().setExecutable((entry.getMode() & 0100) != 0);
        }
      }
    }
  }

  /**
   * The binaries' archive on the class path. zonky's resolver refuses to choose when the class path
   * holds it twice (a fat jar beside the binaries jar, as in a full build's integration tests), so
   * the first copy of the plain archive is taken; the resolver is asked only when there is none.
   */
  private static InputStream binaries(String os, String arch) throws IOException {
    String name = "postgres-" + os.toLowerCase(Locale.ROOT) + "-" + arch + ".txz";
    InputStream first = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(name);
    return first != null ? first : DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os, arch);
  }

  private static void chown(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(path, "unix:uid", NOBODY, NOFOLLOW_LINKS);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
