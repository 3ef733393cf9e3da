package io.ekms.kms.store;

import io.ekms.kms.domain.Page;

/** The SQL of keyset paging over (created_at, id): where a {@link Page} continues. */
final class Paged {
  private Paged() {}

  /** SQL condition continuing after the page's position. */
  static String condition(Page page) {
    return page.afterCreated() == null
        ? "1 = 1"
        : "(created_at > ? OR (created_at = ? AND id > ?))";
  }

  /** The parameters of {@link #condition}. */
  static Object[] parameters(Page page) {
    return page.afterCreated() == null
        ? new Object[0]
        : new Object[] {page.afterCreated(), page.afterCreated(), page.afterId()};
  }
}
