package io.ekms.identity.http;

import io.ekms.identity.service.OAuthError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code application/x-www-form-urlencoded} bodies as RFC 6749 requires: a parameter may not
 * be repeated (section 3.2), and one sent without a value counts as omitted (section 3.1). The body
 * must be ASCII; at most {@value #MAX_PARAMETERS} parameters. Errors never echo values.
 */
final class FormBody {
  static final int MAX_PARAMETERS = 32;

  private FormBody() {}

  static Map<String, String> parse(byte[] body) {
    for (byte b : body) {
      if (b < 0x20 || b > 0x7e) {
        throw OAuthError.INVALID_REQUEST.error("The form body must be URL-encoded ASCII.");
      }
    }
    Map<String, String> out = new HashMap<>();
    Set<String> seen = new HashSet<>();
    String text = new String(body, StandardCharsets.US_ASCII);
    if (text.isEmpty()) {
      return out;
    }
    String[] pairs = text.split("&", -1);
    if (pairs.length > MAX_PARAMETERS) {
      throw OAuthError.INVALID_REQUEST.error("The form body has too many parameters.");
    }
    for (String pair : pairs) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!seen.add(name)) {
        throw OAuthError.INVALID_REQUEST.error("Parameter '" + safe(name) + "' is repeated.");
      }
      if (!value.isEmpty()) {
        out.put(name, value);
      }
    }
    return out;
  }

  /** Form-decoding of one name or value (also used for Basic credentials, RFC 6749 2.3.1). */
  static String decode(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw OAuthError.INVALID_REQUEST.error("The form body has a malformed %-escape.");
    }
  }

  /** Parameter names are echoed only when short and plain; they are never secrets we expect. */
  private static String safe(String name) {
    return name.length() <= 32 && name.matches("[a-z_]+") ? name : "?";
  }
}
