package io.ekms.core.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Moves chains that an earlier version stored as rows of an embedded database into chain files (see
 * {@link FileAuditStore}): each chain is written whole to a new file, flushed to disk and renamed
 * into place, and only then are its rows deleted, so a crash at any point leaves every record in
 * the rows, the file or both (a later open finishes the move). Records keep their seq and hashes; a
 * row that no longer decodes is carried over as a line that verification reports.
 */
final class ChainImport {
  private static final int PAGE = 1000;

  private ChainImport() {}

  static void moveRowsToFiles(Path dir, SqlAuditStore rows) throws IOException {
    for (AuditStore.Chain chain : rows.chains()) {
      Path file = ChainFile.pathOf(dir, chain.node());
      if (!Files.exists(file)) {
        if (!rows.hasRecords(chain.node())) {
          continue;
        }
        write(dir, file, chain, rows);
      }
      rows.deleteRecords(chain.node());
    }
  }

  private static void write(Path dir, Path file, AuditStore.Chain chain, SqlAuditStore rows)
      throws IOException {
    Path tmp = dir.resolve(chain.node() + ChainFile.SUFFIX + ".import");
    StringBuilder scratch = new StringBuilder(512);
    try (OutputStream out = Files.newOutputStream(tmp)) {
      out.write(ChainLines.header(chain.node(), chain.format()));
      long after = 0;
      List<AuditStore.StoredRow> page;
      do {
        page = rows.page(chain.node(), after, PAGE, null);
        for (AuditStore.StoredRow row : page) {
          out.write(
              row.entry() == null
                  ? ("{\"seq\":" + row.seq() + ",\"defect\":true}\n").getBytes()
                  : ChainLines.encode(
                      scratch, row.entry(), AuditChain.details(row.entry().record().details())));
          after = row.seq();
        }
      } while (page.size() == PAGE);
    }
    try (var channel =
        java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
