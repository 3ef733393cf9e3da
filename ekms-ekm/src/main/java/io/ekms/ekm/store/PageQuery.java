package io.ekms.ekm.store;

import java.time.Instant;

/**
 * One page of a list ordered by (created_at, id): at most {@code limit} rows after the row ({@code
 * afterCreated}, {@code afterId}), or from the start when {@code afterId} is null. Keyset paging: a
 * page costs the same wherever it is, and rows added meanwhile are not skipped.
 */
public record PageQuery(int limit, Instant afterCreated, String afterId) {
  public PageQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    if ((afterCreated == null) != (afterId == null)) {
      throw new IllegalArgumentException("afterCreated and afterId go together");
    }
  }

  public static PageQuery first(int limit) {
    return new PageQuery(limit, null, null);
  }

  /** The SQL condition of the page (with a leading AND), before ORDER BY and LIMIT. */
  String condition() {
    return afterId == null ? "" : " AND (created_at > ? OR (created_at = ? AND id > ?))";
  }

  /** The condition's parameters, in order. */
  Object[] parameters() {
    return afterId == null
        ? new Object[0]
        : new Object[] {afterCreated.toEpochMilli(), afterCreated.toEpochMilli(), afterId};
  }
}
