package io.ekms.core.audit;

import static io.ekms.core.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The zeros a writer grows its chain file by ({@link AppendRegion}): never read as records, cut off
 * by a clean close and by the next open after a killed writer, while a zero inside the data is
 * reported as a damaged record and nothing after it is cut.
 */
class ChainFileZeroTailTest {
  private static final String NODE = AuditNodes.DEFAULT;
  private final Path dir = AuditFixtures.scratch("chain-zero-tail-");
  private final Path file = ChainFile.pathOf(dir, NODE);
  private final AuditChain.Hasher hasher = new AuditChain.Hasher();

  private void append(ChainFile chain, int from, int to) throws IOException {
    List<AuditRecord> records = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      records.add(record("req-" + i, i));
    }
    chain.append(hasher.link(NODE, chain.tail(), records));
  }

  private List<AuditStore.StoredRow> readAll() throws IOException {
    return ChainFile.reader(file, NODE).page(0, 1000, null);
  }

  @Test
  void append_writerRunning_fileGrownWithZerosThatReadersSkip() throws Exception {
    try (ChainFile chain = ChainFile.openForAppend(dir, NODE)) {
      append(chain, 1, 3);

      assertThat(Files.size(file)).isGreaterThanOrEqualTo(AppendRegion.GROW);
      assertThat(readAll()).extracting(AuditStore.StoredRow::seq).containsExactly(1L, 2L, 3L);
      assertThat(ChainFile.reader(file, NODE).recover().seq()).isEqualTo(3);
      assertThat(chain.page(0, 1000, null)).hasSize(3);
    }
    byte[] closed = Files.readAllBytes(file);
    assertThat(closed[closed.length - 1]).isEqualTo((byte) '\n');
  }

  @Test
  void open_afterAKilledWriter_zerosCutAndChainContinuesRightAfterTheData() throws Exception {
    try (ChainFile chain = ChainFile.openForAppend(dir, NODE)) {
      append(chain, 1, 3);
    }
    long data = Files.size(file);
    Files.write(file, new byte[100_000], StandardOpenOption.APPEND); // what a kill leaves behind

    try (ChainFile chain = ChainFile.openForAppend(dir, NODE)) {
      assertThat(chain.tail().seq()).isEqualTo(3);
      assertThat(Files.size(file)).isEqualTo(data);
      append(chain, 4, 4);
    }
    List<AuditStore.StoredRow> rows = readAll();
    assertThat(rows).extracting(AuditStore.StoredRow::seq).containsExactly(1L, 2L, 3L, 4L);
    assertThat(rows).allSatisfy(r -> assertThat(r.entry()).isNotNull());
  }

  @Test
  void recover_zerosInsideTheData_reportedAndRecordsAfterThemKept() throws Exception {
    try (ChainFile chain = ChainFile.openForAppend(dir, NODE)) {
      append(chain, 1, 3);
    }
    byte[] bytes = Files.readAllBytes(file);
    int lineTwo = nthLineStart(bytes, 2); // the header is line 0
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(new byte[12]), lineTwo);
      out.write(ByteBuffer.wrap(new byte[50_000]), bytes.length);
    }

    List<AuditStore.StoredRow> rows = readAll();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).entry()).isNull();
    assertThat(rows.get(2).entry().record().requestId()).isEqualTo("req-3");
    try (ChainFile chain = ChainFile.openForAppend(dir, NODE)) {
      assertThat(chain.tail().seq()).isEqualTo(3);
      assertThat(Files.size(file)).isEqualTo(bytes.length);
    }
  }

  @Test
  void append_fileCutShorterUnderTheWriter_failsAndRecoverLetsTheChainGoOn() throws Exception {
    try (ChainFile chain = ChainFile.openForAppend(dir, NODE)) {
      append(chain, 1, 60); // several pages
      long header = nthLineStart(Files.readAllBytes(file), 1);
      try (FileChannel cut = FileChannel.open(file, StandardOpenOption.WRITE)) {
        cut.truncate(header);
      }

      assertThatThrownBy(() -> append(chain, 61, 61)).isInstanceOf(IOException.class);
      assertThat(chain.recover().seq()).isZero();
      append(chain, 1, 1);
      assertThat(chain.page(0, 10, null)).extracting(AuditStore.StoredRow::seq).containsExactly(1L);
    }
    assertThat(readAll()).extracting(AuditStore.StoredRow::seq).containsExactly(1L);
  }

  private static int nthLineStart(byte[] bytes, int n) {
    int at = 0;
    for (int line = 0; line < n; line++) {
      while (bytes[at] != '\n') {
        at++;
      }
      at++;
    }
    return at;
  }
}
