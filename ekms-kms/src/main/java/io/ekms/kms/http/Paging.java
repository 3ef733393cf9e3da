package io.ekms.kms.http;

import io.ekms.core.http.Reply;
import io.ekms.kms.domain.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The answer of a list call: one page of views, and {@code opc-next-page} when there is more. */
final class Paging {
  private Paging() {}

  static <T> Reply reply(
      List<T> rows,
      Page page,
      Function<T, Instant> created,
      Function<T, String> id,
      Function<T, Object> view) {
    String next = Page.next(rows, page.limit(), created, id);
    return new Reply(
        200,
        rows.stream().map(view).toList(),
        next == null ? Map.of() : Map.of("opc-next-page", next));
  }
}
