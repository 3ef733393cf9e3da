package io.ekms.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/** {@code --limit} and {@code --page} of a paged admin list ({@code nextPage} of the answer). */
final class ListPage {
  @Option(names = "--limit", description = "At most this many items (1 to 1000; default 1000).")
  Integer limit;

  @Option(names = "--page", description = "The nextPage token of the previous answer.")
  String page;

  /** The query string, empty when neither is given. */
  String query() {
    return on("");
  }

  /** {@code path} with the page's parameters added to its query string, if any. */
  String on(String path) {
    StringBuilder q = new StringBuilder(path);
    if (limit != null) {
      q.append(path.contains("?") ? '&' : '?').append("limit=").append(limit);
    }
    if (page != null) {
      q.append(q.indexOf("?") >= 0 ? '&' : '?')
          .append("page=")
          .append(URLEncoder.encode(page, StandardCharsets.UTF_8));
    }
    return q.toString();
  }
}
