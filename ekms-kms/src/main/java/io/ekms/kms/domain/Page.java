package io.ekms.kms.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Keyset paging over (creation time, id): the {@code page} token is an opaque Base64url of the last
 * row's position, so pages stay stable while rows are added.
 */
public record Page(Instant afterCreated, String afterId, int limit) {
  public static final int MAX_LIMIT = 1000;

  public Page {
    checkLimit(limit);
  }

  /**
   * The first page, or the one after {@code token}; a bad limit or token is
   * IllegalArgumentException. A token must be exactly what {@link #next} hands out: canonical
   * Base64url of a non-negative time and a well-formed OCID. Tokens are not authenticated: an
   * altered but well-formed token is just another position in the same filtered list.
   */
  public static Page of(String token, Integer limit) {
    int size = limit == null ? 100 : limit;
    if (token == null || token.isEmpty()) {
      return new Page(null, null, size);
    }
    checkLimit(size);
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = raw.indexOf(':');
      long millis = Long.parseLong(raw.substring(0, colon));
      String id = raw.substring(colon + 1);
      if (millis >= 0 && Ocids.wellFormed(id) && encode(millis, id).equals(token)) {
        return new Page(Instant.ofEpochMilli(millis), id, size);
      }
    } catch (RuntimeException e) {
      // answered below, with one message for every defect
    }
    throw new IllegalArgumentException("page is not a page token from this KMS");
  }

  /** The token for the page after {@code rows}, or null when this was the last page. */
  public static <T> String next(
      List<T> rows,
      int limit,
      java.util.function.Function<T, Instant> created,
      java.util.function.Function<T, String> id) {
    if (rows.size() < limit) {
      return null;
    }
    T last = rows.get(rows.size() - 1);
    return encode(created.apply(last).toEpochMilli(), id.apply(last));
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to 1000");
    }
  }

  private static String encode(long millis, String id) {
    String raw = millis + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }
}
