package io.ekms.cli;

import java.nio.file.Path;

/** Small helpers for one-sentence error messages. */
final class Paths {
  private Paths() {}

  /** {@code path} with the user's home shown as {@code ~}. */
  static String display(Path path) {
    String home = System.getProperty("user.home");
    String text = path.toString();
    return home != null && !home.isEmpty() && text.startsWith(home + "/")
        ? "~" + text.substring(home.length())
        : text;
  }

  /** A message made fit to sit inside a sentence: no trailing period, lower-case start. */
  static String sentence(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    String s = message.strip();
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.length() > 1
            && Character.isUpperCase(s.charAt(0))
            && Character.isLowerCase(s.charAt(1))
        ? Character.toLowerCase(s.charAt(0)) + s.substring(1)
        : s;
  }

  /** {@code value} as one URL path segment. */
  static String segment(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
