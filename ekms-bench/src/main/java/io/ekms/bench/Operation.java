package io.ekms.bench;

/** One request of a scenario; it throws when the request failed. Must be thread-safe. */
@FunctionalInterface
public interface Operation {
  void run() throws Exception;
}
