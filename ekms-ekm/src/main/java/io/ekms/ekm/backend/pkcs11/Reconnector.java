package io.ekms.ekm.backend.pkcs11;

import io.ekms.ekm.backend.BackendUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps one live {@link Generation} and replaces it after a device failure, so the EKM serves again
 * once the token is back, without a restart.
 *
 * <p>Why this is needed: SunPKCS11 never re-initialises a library. Its wrapper calls {@code
 * C_Initialize} once per library path string and keeps that instance for the life of the JVM, and
 * many libraries (SoftHSM2 among them) read their token list only in {@code C_Initialize}, so a
 * provider whose token went away stays broken even after the token returns. A reconnect therefore
 * calls {@code C_Finalize} on the old instance and opens the same library file under a new name (a
 * symbolic link in a private directory, deleted right after the load), which makes the wrapper load
 * and initialise it afresh; then it looks the slot up by label again and logs in.
 *
 * <p>Replaced generations stay reachable: their sessions must not be closed by the JDK's cleaner
 * once the library has been re-initialised, when a stale session number may name a new session.
 * Attempts are at least {@code reconnectInterval} apart so a dead device is not hammered; callers
 * in between get {@link BackendUnavailableException} at once.
 */
final class Reconnector {
  private final Pkcs11Settings settings;
  private final List<Generation> retired = new ArrayList<>();
  private volatile Generation current;
  private Path links;
  private int loads;
  private long nextAttemptNanos;

  /** Connects at start-up; a wrong library, label or PIN is a Misconfiguration. */
  Reconnector(Pkcs11Settings settings) {
    this.settings = settings;
    this.current = new Generation(TokenConnection.open(settings, settings.library()));
    this.nextAttemptNanos = System.nanoTime();
  }

  Generation current() {
    Generation live = current;
    return live != null ? live : replace(null, null);
  }

  /**
   * A generation that is not {@code failed}: the one another caller already made, or a new one.
   *
   * @throws BackendUnavailableException when the token cannot be reached now
   */
  synchronized Generation replace(Generation failed, Throwable cause) {
    Generation live = current;
    if (live != null && live != failed) {
      return live;
    }
    long now = System.nanoTime();
    if (now - nextAttemptNanos < 0) {
      throw unavailable("the PKCS#11 token is unavailable; next reconnect attempt soon", cause);
    }
    nextAttemptNanos = now + settings.reconnectInterval().toNanos();
    if (live != null) {
      retired.add(live);
      current = null;
      live.connection.cryptoki.finalizeLibrary();
    }
    Path link = null;
    try {
      link = freshLibraryName();
      current = new Generation(TokenConnection.open(settings, link.toString()));
      return current;
    } catch (IOException | RuntimeException e) {
      if (cause != null) {
        e.addSuppressed(cause);
      }
      throw unavailable("cannot reconnect to PKCS#11 token '" + settings.tokenLabel() + "'", e);
    } finally {
      deleteQuietly(link);
    }
  }

  private Path freshLibraryName() throws IOException {
    if (links == null) {
      links = Files.createTempDirectory("ekms-pkcs11-");
      links.toFile().deleteOnExit();
    }
    Path library = Path.of(settings.library()).toAbsolutePath();
    return Files.createSymbolicLink(links.resolve(++loads + "-" + library.getFileName()), library);
  }

  /** Drops the live connection; retired ones stay referenced by this object, see above. */
  synchronized void close() {
    current = null;
    if (links != null) {
      deleteQuietly(links);
    }
  }

  private static BackendUnavailableException unavailable(String message, Throwable cause) {
    return new BackendUnavailableException(message, cause);
  }

  private static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A leftover link in the temporary directory is harmless.
    }
  }
}
