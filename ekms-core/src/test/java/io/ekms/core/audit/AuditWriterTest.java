package io.ekms.core.audit;

import static io.ekms.core.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's group commit, driven through its queue so batch sizes are chosen, not hoped for:
 * {@link AuditLogContract} relies on {@link AuditWriter#batchesHeldOpen()} to show that a lone
 * appender is never held, and this shows the count moves exactly when a batch is held.
 */
class AuditWriterTest {
  private final Database database =
      Database.open(
          DatabaseConfig.h2File(AuditFixtures.scratch("audit-writer-"), "audit"),
          Map.of(),
          "db/audit");
  private final BlockingQueue<PendingAppend> queue = new ArrayBlockingQueue<>(16);
  private AuditWriter writer;
  private Thread thread;

  @AfterEach
  void stop() throws InterruptedException {
    if (writer != null) {
      writer.stop();
      thread.join();
    }
    database.close();
  }

  @Test
  void gather_afterABatchOfThree_holdsTheNextBatchOpenOnce() throws Exception {
    SqlAuditStore store = new SqlAuditStore(database, 5);
    AuditLogOptions options = AuditLogOptions.defaults().withGroupCommitWait(Duration.ofMillis(20));
    writer =
        new AuditWriter(store, options, queue, new LostRecords(), store.open(options.nodeId()));
    PendingAppend[] first = {queued(1), queued(2), queued(3)};
    thread = Thread.ofPlatform().start(writer); // drains all three queued records as one batch
    stored(first[2]);
    assertThat(writer.lastSeq()).isEqualTo(3);
    assertThat(writer.batchesHeldOpen()).as("the first batch follows no batch").isZero();

    stored(queued(4)); // alone after a batch of three: held open for company, which never comes
    assertThat(writer.batchesHeldOpen()).isEqualTo(1);

    stored(queued(5)); // after a batch of one: not held
    assertThat(writer.batchesHeldOpen()).isEqualTo(1);
    assertThat(writer.lastSeq()).isEqualTo(5);
  }

  private PendingAppend queued(int i) {
    PendingAppend pending = new PendingAppend(record("w-" + i, i));
    queue.add(pending);
    return pending;
  }

  private static void stored(PendingAppend pending) throws Exception {
    pending.await(AuditFixtures.HANG_GUARD.toNanos());
  }
}
