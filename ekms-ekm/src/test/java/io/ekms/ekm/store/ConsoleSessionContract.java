package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.store.ConsoleSessionRepository.Row;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ConsoleSessionRepository}: sessions by hash, touched, ended, and swept when expired. */
abstract class ConsoleSessionContract extends StoreContract {
  private final ConsoleSessionRepository sessions = new ConsoleSessionRepository();

  private Optional<Row> find(String id) {
    return read(c -> sessions.find(c, id));
  }

  private boolean delete(String id) {
    return read(c -> sessions.delete(c, id));
  }

  private Row row(Instant created, Instant seen) {
    return new Row(Randoms.hex(32), "admin", created, seen);
  }

  @Test
  void insertThenFind_newSession_readsBackEqual() {
    Row row = row(Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(2_000));
    write(c -> sessions.insert(c, row));
    assertThat(find(row.idSha256())).contains(row);
  }

  @Test
  void touch_liveSession_movesLastSeenOnly() {
    Row row = row(Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_000));
    write(c -> sessions.insert(c, row));
    write(c -> sessions.touch(c, row.idSha256(), Instant.ofEpochMilli(5_000)));
    assertThat(find(row.idSha256()))
        .contains(new Row(row.idSha256(), "admin", row.createdAt(), Instant.ofEpochMilli(5_000)));
  }

  @Test
  void delete_existingThenAgain_trueThenFalse() {
    Row row = row(Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_000));
    write(c -> sessions.insert(c, row));
    assertThat(delete(row.idSha256())).isTrue();
    assertThat(delete(row.idSha256())).isFalse();
    assertThat(find(row.idSha256())).isEmpty();
  }

  @Test
  void deleteExpired_idleAndOldAndLive_removesOnlyTheExpired() {
    Instant now = Instant.parse("2040-01-01T12:00:00Z");
    Row idle = row(now.minusSeconds(3_600), now.minusSeconds(1_800));
    Row old = row(now.minusSeconds(10 * 3_600), now.minusSeconds(10));
    Row live = row(now.minusSeconds(3_600), now.minusSeconds(10));
    write(
        c -> {
          sessions.insert(c, idle);
          sessions.insert(c, old);
          sessions.insert(c, live);
        });
    write(c -> sessions.deleteExpired(c, now.minusSeconds(900), now.minusSeconds(8 * 3_600)));
    assertThat(find(idle.idSha256())).isEmpty();
    assertThat(find(old.idSha256())).isEmpty();
    assertThat(find(live.idSha256())).contains(live);
  }
}
