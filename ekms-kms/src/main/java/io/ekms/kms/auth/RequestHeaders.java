package io.ekms.kms.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read access to a request's headers, independent of the HTTP server: {@link #values} must match
 * names case-insensitively and return every value received for the name, in order, without
 * splitting on commas, so that a repeated header can be told from a single one.
 */
@FunctionalInterface
public interface RequestHeaders {
  /** The values received for header {@code name}; empty when absent. Never null. */
  List<String> values(String name);

  /** A copy of {@code headers} (names to values) whose names are matched case-insensitively. */
  static RequestHeaders of(Map<String, List<String>> headers) {
    Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> byName.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
    byName.replaceAll((name, values) -> List.copyOf(values));
    return name -> byName.getOrDefault(name, List.of());
  }
}
