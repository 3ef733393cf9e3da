package io.ekms.ekm.service;

import io.ekms.ekm.store.PageQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Pages of the admin lists: {@code limit} (1 to {@link #MAX_LIMIT}, default the maximum) and an
 * opaque {@code page} token naming where the previous page ended. A token is the last row's
 * creation time and id, so it stays valid however the list changes; a token that is not one is a
 * 400 naming the parameter.
 */
public final class Pages {
  public static final int MAX_LIMIT = 1000;
  private static final Pattern TOKEN = Pattern.compile("([0-9]{1,15}):([a-z]{2,4}-[0-9a-f]{32})");

  private Pages() {}

  /** One page of items and the token of the next, null when this is the last. */
  public record Page<T>(List<T> items, String next) {
    /** The same page with each item mapped. */
    public <R> Page<R> map(Function<T, R> f) {
      return new Page<>(items.stream().map(f).toList(), next);
    }
  }

  /** The page the query parameters ask for (either may be null). */
  public static PageQuery query(String limit, String token) {
    int n = MAX_LIMIT;
    if (limit != null) {
      try {
        n = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1 || n > MAX_LIMIT) {
        throw EkmError.INVALID_REQUEST.error(
            "'limit' must be a number from 1 to " + MAX_LIMIT + ".");
      }
    }
    if (token == null) {
      return PageQuery.first(n + 1);
    }
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      decoded = "";
    }
    var m = TOKEN.matcher(decoded);
    if (token.length() > 128 || !m.matches()) {
      throw EkmError.INVALID_REQUEST.error("'page' is not a page token of this list.");
    }
    return new PageQuery(n + 1, Instant.ofEpochMilli(Long.parseLong(m.group(1))), m.group(2));
  }

  /**
   * The page of {@code rows}, read with one row more than asked (see {@link #query}) so that a next
   * page is known to exist; {@code created} and {@code id} name a row's cursor.
   */
  public static <T> Page<T> of(
      List<T> rows, PageQuery asked, Function<T, Instant> created, Function<T, String> id) {
    int limit = asked.limit() - 1;
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    T last = rows.get(limit - 1);
    String cursor = created.apply(last).toEpochMilli() + ":" + id.apply(last);
    return new Page<>(
        List.copyOf(rows.subList(0, limit)),
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(cursor.getBytes(StandardCharsets.US_ASCII)));
  }
}
