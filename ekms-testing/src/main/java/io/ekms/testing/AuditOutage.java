package io.ekms.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Takes a server's audit store away while it runs, as a lost disk or a careless operator would:
 * moves the chain files of an embedded store ({@code <dataDir>/audit-chains}) aside, so the
 * server's batches fail once its writer next checks that its file is in place (within milliseconds:
 * wait for the first refusal), and puts them back on {@link #close()}.
 */
public final class AuditOutage implements AutoCloseable {
  private final Path chains;
  private final Path aside;

  private AuditOutage(Path chains, Path aside) {
    this.chains = chains;
    this.aside = aside;
  }

  /** Moves the chain files of the server whose data directory is {@code dataDir} aside. */
  public static AuditOutage of(Path dataDir) {
    Path chains = dataDir.resolve("audit-chains");
    Path aside = dataDir.resolve("audit-chains.away");
    try {
      Files.move(chains, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AuditOutage(chains, aside);
  }

  /** Puts the chain files back where the server expects them. */
  @Override
  public void close() {
    try {
      Files.move(aside, chains, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
