package io.ekms.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What build this is: the project version the build wrote into the jar. */
public final class BuildInfo {
  private static final String VERSION = load();

  private BuildInfo() {}

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the build did not say. */
  public static String version() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("/io/ekms/core/build.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.isBlank() || v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
