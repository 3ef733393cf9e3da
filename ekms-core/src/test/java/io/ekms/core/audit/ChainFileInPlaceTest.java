package io.ekms.core.audit;

import static io.ekms.core.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A chain file moved away under its writer fails the writer's batches once the in-place check is
 * due (at most {@link ChainFile#IN_PLACE_CHECK_NANOS} after the last one), and recovery checks at
 * once; time here is a ticker the test moves.
 */
class ChainFileInPlaceTest {
  private static final String NODE = AuditNodes.DEFAULT;
  private final Path dir = AuditFixtures.scratch("chain-in-place-");
  private final AtomicLong now = new AtomicLong(1_000);
  private final AuditChain.Hasher hasher = new AuditChain.Hasher();

  private void append(ChainFile chain, int i) throws IOException {
    chain.append(hasher.link(NODE, chain.tail(), List.of(record("req-" + i, i))));
  }

  @Test
  void append_fileMovedAway_failsOnceTheCheckIsDue() throws Exception {
    try (ChainFile chain = ChainFile.openForAppend(dir, NODE, now::get)) {
      append(chain, 1);
      Files.move(ChainFile.pathOf(dir, NODE), dir.resolve("elsewhere"));

      now.addAndGet(ChainFile.IN_PLACE_CHECK_NANOS - 1);
      append(chain, 2); // within the interval: lands in the moved file, as record 1 did
      now.addAndGet(1);

      assertThatThrownBy(() -> append(chain, 3))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("was moved, removed or replaced");
      assertThatThrownBy(chain::recover).hasMessageContaining("was moved, removed or replaced");
    }
    assertThat(ChainFile.reader(dir.resolve("elsewhere"), NODE).recover().seq()).isEqualTo(2);
  }

  @Test
  void recover_fileMovedAway_failsWithoutWaitingForTheInterval() throws Exception {
    try (ChainFile chain = ChainFile.openForAppend(dir, NODE, now::get)) {
      append(chain, 1);
      Files.move(ChainFile.pathOf(dir, NODE), dir.resolve("elsewhere"));

      assertThatThrownBy(chain::recover).hasMessageContaining("was moved, removed or replaced");
    }
  }
}
