package io.ekms.core.audit;

import java.util.Arrays;

/**
 * A sparse map from a chain's seqs to their line offsets in its file: every {@code every}-th seq
 * (1, 1 + every, ...), so a read seeks close to where it starts. Entries are hints checked on use
 * ({@link ChainFile#page}); the writer adds them, readers look them up from any thread.
 */
final class ChainIndex {
  private final int every;
  private long[] seqs = new long[64];
  private long[] offsets = new long[64];
  private int size;

  ChainIndex(int every) {
    this.every = every;
  }

  synchronized void clear() {
    size = 0;
  }

  /** Records {@code seq}'s offset when it is an indexed seq above the last one. */
  synchronized void offer(long seq, long offset) {
    if ((seq - 1) % every != 0 || (size > 0 && seqs[size - 1] >= seq)) {
      return;
    }
    if (size == seqs.length) {
      seqs = Arrays.copyOf(seqs, size * 2);
      offsets = Arrays.copyOf(offsets, size * 2);
    }
    seqs[size] = seq;
    offsets[size++] = offset;
  }

  /** The indexed (seq, offset) at or below {@code seq}; {@code {1, -1}} when there is none. */
  synchronized long[] floor(long seq) {
    int i = Arrays.binarySearch(seqs, 0, size, seq);
    int at = i >= 0 ? i : -i - 2;
    return at < 0 ? new long[] {1, -1} : new long[] {seqs[at], offsets[at]};
  }
}
