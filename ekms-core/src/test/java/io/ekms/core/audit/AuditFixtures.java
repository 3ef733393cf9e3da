package io.ekms.core.audit;

import io.ekms.core.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Records, raw SQL and waiting helpers shared by the audit log tests. */
final class AuditFixtures {
  static final Instant T0 = Instant.parse("2025-01-02T03:04:05.678Z");

  private AuditFixtures() {}

  /** The verify result of one good chain of {@code node} with {@code checked} records. */
  static VerifyResult good(String node, long checked) {
    return VerifyResult.of(List.of(VerifyResult.ChainResult.good(node, checked)));
  }

  /** {@link #good(String, long)} of the default node. */
  static VerifyResult good(long checked) {
    return good(AuditNodes.DEFAULT, checked);
  }

  /** The verify result of one chain of the default node that breaks at {@code seq}. */
  static VerifyResult bad(long checked, long seq, String reason) {
    return VerifyResult.of(
        List.of(VerifyResult.ChainResult.bad(AuditNodes.DEFAULT, checked, seq, reason)));
  }

  /** A distinct, fully populated record; {@code i} makes its request id and time unique. */
  static AuditRecord record(String requestId, int i) {
    return new AuditRecord(
        T0.plusMillis(i),
        requestId,
        "client-" + (i % 7),
        "ENCRYPT",
        "vault-1",
        "key-" + (i % 3),
        "v1",
        "OK",
        Map.of("bytes", Integer.toString(i), "note", "line one\nline \"two\""));
  }

  /** A scratch directory under {@code target/}, so test leftovers stay in the build. */
  static Path scratch(String prefix) {
    try {
      Path base = Path.of("target", "test-scratch");
      Files.createDirectories(base);
      return Files.createTempDirectory(base, prefix).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs raw SQL (auto-commit) behind the log's back, the way a tamperer or an operator would. */
  static void sql(Database database, String... statements) {
    database.withConnection(
        c -> {
          try (Statement s = c.createStatement()) {
            for (String statement : statements) {
              s.execute(statement);
            }
          }
          return null;
        });
  }

  /** Every entry of the log, read page by page through the public API. */
  static List<AuditEntry> readAll(AuditLog log) {
    List<AuditEntry> all = new ArrayList<>();
    long after = 0;
    while (true) {
      List<AuditEntry> page = log.read(after, AuditLog.MAX_READ, null);
      all.addAll(page);
      if (page.size() < AuditLog.MAX_READ) {
        return all;
      }
      after = page.get(page.size() - 1).seq();
    }
  }

  /**
   * Longest wait for something that must happen (a recovery the writer retries every 250 ms); only
   * a hang reaches it, and then the test fails instead of blocking the build.
   */
  static final Duration HANG_GUARD = Duration.ofSeconds(60);

  /**
   * Returns once {@code condition} holds. There is no time limit that a slow machine could reach:
   * the wait ends by the condition, and only a hang ({@link #HANG_GUARD}) fails it.
   */
  static void await(String what, BooleanSupplier condition) {
    long guard = System.nanoTime() + HANG_GUARD.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - guard > 0) {
        throw new AssertionError("hung: " + what + " never happened");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what, e);
      }
    }
  }
}
