package io.ekms.ekm.console;

import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.service.EkmError;
import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Reading what a console page was asked: form fields, query parameters, ids, list pages. */
final class Forms {
  static final int PAGE_SIZE = 25;

  private Forms() {}

  /** The field's value, stripped; null when absent or blank. */
  static String text(Parameters form, String name) {
    return form.first(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
  }

  static String query(ServerRequest req, String name) {
    return req.query().first(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
  }

  /** An EKM id from a form field, a query parameter or the path; a 400 when malformed. */
  static String id(String value, String name) {
    if (!Ids.wellFormed(value)) {
      throw EkmError.INVALID_REQUEST.error("'" + name + "' is not an EKM id.");
    }
    return value;
  }

  static String pathId(ServerRequest req, String name) {
    return id(req.path().pathParameters().first(name).orElse(null), name);
  }

  /** The items whose text contains {@code query} (any case); all of them when it is null. */
  static <T> List<T> search(List<T> items, String query, Function<T, String> text) {
    if (query == null) {
      return items;
    }
    String q = query.toLowerCase(Locale.ROOT);
    return items.stream().filter(i -> text.apply(i).toLowerCase(Locale.ROOT).contains(q)).toList();
  }

  /** Page {@code page} (from 1, clamped) of {@code items}, with links built on {@code base}. */
  static <T> List<T> page(List<T> items, String page, String base, Views.Paging[] paging) {
    int pages = Math.max(1, (items.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int n = 1;
    try {
      n = page == null ? 1 : Integer.parseInt(page);
    } catch (NumberFormatException e) {
      n = 1;
    }
    n = Math.max(1, Math.min(pages, n));
    String sep = base.contains("?") ? "&" : "?";
    paging[0] =
        new Views.Paging(
            n,
            pages,
            items.size(),
            n > 1 ? base + sep + "page=" + (n - 1) : null,
            n < pages ? base + sep + "page=" + (n + 1) : null);
    return items.subList((n - 1) * PAGE_SIZE, Math.min(items.size(), n * PAGE_SIZE));
  }

  /** {@code base} with {@code q} appended when set (URL-encoded). */
  static String withQuery(String base, String q) {
    return q == null
        ? base
        : base + "?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
  }
}
