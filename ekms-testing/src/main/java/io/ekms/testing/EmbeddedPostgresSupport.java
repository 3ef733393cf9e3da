package io.ekms.testing;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.APPEND;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Runs one embedded PostgreSQL server per JVM from the zonky binaries and hands out a fresh
 * database per call. The server starts lazily on first use and is stopped by a shutdown hook.
 *
 * <p>PostgreSQL refuses to run as root. zonky's own workaround ({@code unshare -U}) needs user
 * namespaces, which Docker's default seccomp profile denies, so this class drives {@code initdb}
 * and {@code pg_ctl} itself: as root it starts them through {@code setpriv} as the unprivileged
 * {@code nobody} user (uid/gid 65534), as a normal user it starts them directly.
 */
public final class EmbeddedPostgresSupport {

  /** Connection details of one freshly created database. */
  public record PgDatabase(String jdbcUrl, String user, String password) {}

  private static final String USER = "postgres";
  // The server uses trust authentication: any password is accepted.
  private static final String PASSWORD = "postgres";
  private static final int NOBODY = 65534;
  private static final String DIR_PREFIX = "embedded-postgres-";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static int port;

  private EmbeddedPostgresSupport() {}

  /** Creates a new, uniquely named database, starting the server first if necessary. */
  public static synchronized PgDatabase newDatabase() {
    if (port == 0) {
      port = start();
    }
    String name = "test_" + DATABASES.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
    return new PgDatabase(url(name), USER, PASSWORD);
  }

  private static String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private static int start() {
    try {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      deleteStaleDirectories(tmp);
      Path base = Files.createTempDirectory(tmp, DIR_PREFIX + ProcessHandle.current().pid() + "-");
      boolean root = (int) Files.getAttribute(base, "unix:uid") == 0;
      Path bin = base.resolve("pg/bin");
      Path data = base.resolve("data");
      Path log = base.resolve("postgres.log");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(root, bin, data, log, base)));

      extractBinaries(base.resolve("pg"));
      if (root) {
        chown(base, NOBODY);
      }
      run(
          root,
          log,
          bin.resolve("initdb"),
          "-D",
          data,
          "-U",
          USER,
          "-A",
          "trust",
          "-E",
          "UTF8",
          "--locale=C",
          "--no-sync");
      int freePort = freePort();
      String settings =
          """
          port = %d
          listen_addresses = '127.0.0.1'
          unix_socket_directories = ''
          max_connections = 300
          timezone = 'UTC'
          fsync = off
          synchronous_commit = off
          full_page_writes = off
          """;
      Files.writeString(data.resolve("postgresql.conf"), settings.formatted(freePort), APPEND);
      run(root, log, bin.resolve("pg_ctl"), "start", "-D", data, "-w", "-t", "60");
      return freePort;
    } catch (IOException e) {
      throw new IllegalStateException("Could not start embedded PostgreSQL", e);
    }
  }

  private static void stop(boolean root, Path bin, Path data, Path log, Path base) {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        run(root, log, bin.resolve("pg_ctl"), "stop", "-D", data, "-m", "immediate", "-w");
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("Could not stop embedded PostgreSQL: " + e);
    }
    deleteRecursively(base);
  }

  private static void run(boolean root, Path log, Object... command) throws IOException {
    List<String> line = new ArrayList<>();
    if (root) {
      line.addAll(
          List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    }
    Stream.of(command).map(String::valueOf).forEach(line::add);
    Process process =
        new ProcessBuilder(line)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException(line + " failed:\n" + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + line, e);
    }
  }

  private static void extractBinaries(Path target) throws IOException {
    String os = System.getProperty("os.name").startsWith("Mac") ? "Darwin" : "Linux";
    String arch = System.getProperty("os.arch").replace("amd64", "x86_64");
    try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os, arch);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("Archive entry outside target: " + entry.getName());
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

  private static void chown(Path dir, int uid) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(path, "unix:uid", uid, NOFOLLOW_LINKS);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Removes directories left by JVMs that died without running their shutdown hook. */
  private static void deleteStaleDirectories(Path tmp) throws IOException {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, DIR_PREFIX + "*")) {
      for (Path dir : dirs) {
        String pid = dir.getFileName().toString().substring(DIR_PREFIX.length()).split("-")[0];
        if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
          // Without its postmaster.pid an orphaned server shuts itself down within a minute.
          deleteRecursively(dir);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      System.err.println("Could not delete " + dir + ": " + e);
    }
  }
}
