package io.ekms.kms.auth;

import io.ekms.kms.auth.NotAuthenticatedException.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The string an OCI API-key signature covers: one line per signed header, in the order of the
 * signature's {@code headers} parameter, joined by {@code \n} with no final newline:
 *
 * <pre>
 * (request-target): &lt;method, lower case&gt; &lt;path?query exactly as sent&gt;
 * &lt;name, lower case&gt;: &lt;value, trimmed&gt;
 * </pre>
 */
final class SigningString {
  static final String REQUEST_TARGET = "(request-target)";

  private SigningString() {}

  /**
   * The value of every signed header except {@code (request-target)}, keyed by lower-case name. A
   * signed header must be present exactly once: draft-cavage would join repeated values, but OCI
   * clients never repeat one, and refusing removes any doubt about which value was signed.
   */
  static Map<String, String> signedValues(List<String> signedHeaders, RequestHeaders headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : signedHeaders) {
      if (name.equals(REQUEST_TARGET)) {
        continue;
      }
      List<String> values = headers.values(name);
      if (values.isEmpty()) {
        throw new NotAuthenticatedException(
            Reason.MISSING_SIGNED_HEADER,
            "The signed header '" + name + "' is not in the request.");
      }
      if (values.size() > 1) {
        throw new NotAuthenticatedException(
            Reason.MALFORMED, "The signed header '" + name + "' appears more than once.");
      }
      out.put(name, values.get(0).strip());
    }
    return out;
  }

  static String build(
      List<String> signedHeaders,
      String lowerCaseMethod,
      String pathAndQuery,
      Map<String, String> values) {
    StringBuilder out = new StringBuilder(256);
    for (String name : signedHeaders) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(name).append(": ");
      if (name.equals(REQUEST_TARGET)) {
        out.append(lowerCaseMethod).append(' ').append(pathAndQuery);
      } else {
        out.append(values.get(name));
      }
    }
    return out.toString();
  }
}
