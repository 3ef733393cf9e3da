package io.ekms.kms.http;

import io.ekms.kms.http.KmsExchange.Call;
import io.ekms.kms.http.KmsExchange.Reply;
import io.ekms.kms.service.KmsError;
import io.ekms.kms.store.Page;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** List paging ({@code limit}, {@code page}, {@code opc-next-page}) and shared query parsing. */
final class Paging {
  private Paging() {}

  static Page page(Call c) {
    Integer limit;
    try {
      limit = c.query("limit").map(Integer::valueOf).orElse(null);
    } catch (NumberFormatException e) {
      throw KmsError.INVALID_PARAMETER.error("'limit' must be a number from 1 to 1000.");
    }
    try {
      return Page.of(c.query("page").orElse(null), limit);
    } catch (IllegalArgumentException e) {
      throw KmsError.INVALID_PARAMETER.error(
          "'"
              + (e.getMessage().startsWith("limit")
                  ? "limit' must be 1 to 1000."
                  : "page' is not a page token from this KMS."));
    }
  }

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

  /** {@code timeOfDeletion} of a scheduleDeletion body, or null when absent. */
  static Instant deletionTime(Call c) {
    if (c.body().length == 0) {
      return null;
    }
    String value = c.json(Requests.ScheduleDeletion.class).timeOfDeletion();
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw KmsError.INVALID_PARAMETER.error("'timeOfDeletion' must be an RFC 3339 time.");
    }
  }
}
