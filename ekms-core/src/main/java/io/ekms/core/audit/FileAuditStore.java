package io.ekms.core.audit;

import io.ekms.core.db.StoreException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The chains of an embedded (H2) node as files, one {@link ChainFile} per node in one directory. An
 * H2 commit costs 150 to 250 µs of CPU (it serialises every page it touched), and an H2 row about
 * 20 µs; a batch appended to a file costs one {@code write}, which is what takes the audit writer
 * from about 200 µs of CPU per record to a few (docs/audit.md has the figures).
 *
 * <p>The database keeps what the files cannot vouch for themselves: each chain's row in {@code
 * audit_node} is a checkpoint of its tail, moved at most every {@link #CHECKPOINT_NANOS} and on
 * close, so records cut off the end of a file while the server was stopped are reported by
 * verification. Rows that an earlier version stored in {@code audit_log} move into files on first
 * open (each chain written whole and renamed into place before its rows are deleted).
 */
final class FileAuditStore implements AuditStore {
  static final long CHECKPOINT_NANOS = 1_000_000_000L;
  private static final System.Logger LOG = System.getLogger(FileAuditStore.class.getName());

  private final Path dir;
  private final SqlAuditStore rows;
  private final String own;
  private ChainFile ownChain;
  private AuditChain.Tail checkpointed;
  private long checkpointedAt;

  private FileAuditStore(Path dir, SqlAuditStore rows, String own) {
    this.dir = dir;
    this.rows = rows;
    this.own = own;
  }

  /**
   * The chains under {@code dir}, checkpointed in {@code rows}' database, written by node {@code
   * own}; moves any chain still stored as rows into its file first.
   */
  static FileAuditStore open(Path dir, SqlAuditStore rows, String own) {
    try {
      Files.createDirectories(dir);
      ChainImport.moveRowsToFiles(dir, rows);
    } catch (IOException e) {
      throw new StoreException("audit chain directory " + dir + " cannot be prepared", e);
    }
    return new FileAuditStore(dir, rows, own);
  }

  @Override
  public AuditChain.Tail open(String node) {
    if (!node.equals(own) || ownChain != null) {
      throw new IllegalStateException("this store writes the chain of node " + own + " once");
    }
    checkpointed = rows.open(node);
    try {
      ownChain = ChainFile.openForAppend(dir, node);
    } catch (IOException e) {
      throw new StoreException("audit chain file of node " + node + " cannot be opened", e);
    }
    AuditChain.Tail tail = ownChain.tail();
    if (tail.seq() < checkpointed.seq()) {
      LOG.log(
          System.Logger.Level.ERROR,
          "audit chain file of node {0} ends at seq {1} but seq {2} was checkpointed: records"
              + " were removed",
          node,
          tail.seq(),
          checkpointed.seq());
    }
    checkpointedAt = System.nanoTime();
    return tail;
  }

  @Override
  public List<AuditChain.Linked> append(
      String node, AuditChain.Tail known, Function<AuditChain.Tail, List<AuditChain.Linked>> link) {
    try {
      AuditChain.Tail from = known != null ? known : ownChain.recover();
      List<AuditChain.Linked> linked = link.apply(from);
      ownChain.append(linked);
      if (System.nanoTime() - checkpointedAt > CHECKPOINT_NANOS) {
        checkpoint();
      }
      return linked;
    } catch (IOException e) {
      throw new StoreException("audit chain file of node " + node + " cannot be written", e);
    }
  }

  /** Moves the database's checkpoint of this node's tail; a failure is logged, not thrown. */
  private void checkpoint() {
    checkpointedAt = System.nanoTime();
    AuditChain.Tail tail = ownChain.tail();
    if (tail.equals(checkpointed)) {
      return;
    }
    try {
      rows.checkpoint(own, tail);
      checkpointed = tail;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "audit checkpoint of node " + own + " failed", e);
    }
  }

  @Override
  public List<Chain> chains() {
    Map<String, Chain> recorded = new HashMap<>();
    rows.chains().forEach(c -> recorded.put(c.node(), c));
    Map<String, Chain> out = new TreeMap<>();
    for (Map.Entry<String, Path> file : files().entrySet()) {
      Chain row = recorded.get(file.getKey());
      if (row != null) {
        out.put(row.node(), onFile(row, file.getValue()));
      }
    }
    for (Chain row : recorded.values()) {
      if (!out.containsKey(row.node())) { // a chain file that is gone: its records are missing
        out.put(row.node(), new Chain(row.node(), row.format(), row.tail(), 0));
      }
    }
    return new ArrayList<>(out.values());
  }

  private Chain onFile(Chain row, Path file) {
    if (row.node().equals(own) && ownChain != null) {
      return new Chain(row.node(), ownChain.format(), row.tail(), ownChain.tail().seq());
    }
    try {
      ChainFile chain = ChainFile.reader(file, row.node());
      return new Chain(row.node(), chain.format(), row.tail(), chain.recover().seq());
    } catch (IOException e) {
      throw new StoreException("audit chain file of node " + row.node() + " cannot be read", e);
    }
  }

  @Override
  public List<String> orphans() {
    List<String> out = new ArrayList<>(rows.orphans());
    Map<String, Path> files = files();
    rows.chains().forEach(c -> files.remove(c.node()));
    out.addAll(files.keySet());
    return out.stream().distinct().sorted().toList();
  }

  @Override
  public List<StoredRow> page(String node, long afterSeq, int limit, String requestId) {
    try {
      if (node.equals(own) && ownChain != null) {
        return ownChain.page(afterSeq, limit, requestId);
      }
      Path file = ChainFile.pathOf(dir, node);
      if (!Files.exists(file)) {
        return rows.page(node, afterSeq, limit, requestId);
      }
      return ChainFile.reader(file, node).page(afterSeq, limit, requestId);
    } catch (IOException e) {
      throw new StoreException("audit chain file of node " + node + " cannot be read", e);
    }
  }

  /** The chain files in the directory by node. */
  private Map<String, Path> files() {
    Map<String, Path> out = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ChainFile.SUFFIX)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        out.put(name.substring(0, name.length() - ChainFile.SUFFIX.length()), f);
      }
    } catch (IOException e) {
      throw new StoreException("audit chain directory " + dir + " cannot be listed", e);
    }
    return out;
  }

  @Override
  public void close() {
    if (ownChain != null) {
      checkpoint();
      ownChain.close();
    }
  }
}
