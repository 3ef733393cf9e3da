package io.ekms.ekm.service;

import io.ekms.ekm.backend.KeyBackend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The key backends this EKM runs, by name, and the one new keys go to by default. */
public final class Backends implements AutoCloseable {
  private final Map<String, KeyBackend> byName = new LinkedHashMap<>();
  private final String defaultName;

  public Backends(List<KeyBackend> backends, String defaultName) {
    for (KeyBackend b : backends) {
      byName.put(b.name(), b);
    }
    if (!byName.containsKey(defaultName)) {
      throw new IllegalArgumentException("default backend " + defaultName + " is not configured");
    }
    this.defaultName = defaultName;
  }

  public KeyBackend get(String name) {
    KeyBackend backend = byName.get(name);
    if (backend == null) {
      throw EkmError.BACKEND_UNAVAILABLE.error("Key backend " + name + " is not configured.");
    }
    return backend;
  }

  /** The named backend, or the default when {@code name} is null. */
  public KeyBackend forNewKey(String name) {
    if (name == null) {
      return byName.get(defaultName);
    }
    KeyBackend backend = byName.get(name);
    if (backend == null) {
      throw EkmError.INVALID_REQUEST.error(
          "Unknown backend '" + name + "'; configured: " + byName.keySet() + ".");
    }
    return backend;
  }

  @Override
  public void close() {
    byName.values().forEach(KeyBackend::close);
  }
}
