package io.ekms.kms.auth;

import io.ekms.kms.auth.NotAuthenticatedException.Reason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed {@code Authorization: Signature ...} header. Layout, as the OCI SDKs send it:
 *
 * <pre>
 * Signature version="1",keyId="&lt;tenancy&gt;/&lt;user&gt;/&lt;fingerprint&gt;",algorithm="rsa-sha256",
 *           headers="date (request-target) host",signature="&lt;base64&gt;"
 * </pre>
 *
 * The scheme is case-insensitive; parameters are {@code name="value"} separated by commas with
 * optional spaces; values hold no quotes (nothing needs escaping). All five parameters are
 * required, each exactly once; any other parameter is refused, since it could carry a meaning (such
 * as draft-cavage's {@code expires}) this verifier would silently ignore. Every length is bounded
 * before anything is decoded.
 */
record SignatureHeader(
    KeyId keyId, String algorithm, List<String> signedHeaders, byte[] signature) {
  static final int MAX_CHARS = 8 * 1024;
  static final int MAX_SIGNED_HEADERS = 32;

  /** An RSA-8192 signature is 1,024 bytes; its Base64 is 1,368 characters. */
  static final int MAX_SIGNATURE_CHARS = 1_368;

  private static final String SCHEME = "signature ";
  private static final Set<String> PARAMETERS =
      Set.of("version", "keyid", "algorithm", "headers", "signature");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z]{1,16}");
  private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]{1,64}");

  static SignatureHeader parse(String authorization) {
    if (authorization.length() > MAX_CHARS) {
      throw malformed("The Authorization header is too long.");
    }
    if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw malformed("The Authorization header must use the Signature scheme.");
    }
    Map<String, String> params = parameters(authorization.substring(SCHEME.length()));
    if (!params.keySet().equals(PARAMETERS)) {
      throw malformed(
          "The signature needs exactly the parameters version, keyId, algorithm, headers and"
              + " signature.");
    }
    if (!"1".equals(params.get("version"))) {
      throw malformed("The signature version must be \"1\".");
    }
    KeyId keyId = KeyId.parse(params.get("keyid"));
    return new SignatureHeader(
        keyId,
        params.get("algorithm"),
        signedHeaders(params.get("headers")),
        signature(params.get("signature")));
  }

  /** {@code name="value"} pairs; names are matched case-insensitively, as draft-cavage allows. */
  private static Map<String, String> parameters(String s) {
    Map<String, String> out = new HashMap<>();
    int i = 0;
    while (true) {
      i = skipSpaces(s, i);
      int eq = s.indexOf("=\"", i);
      int close = eq < 0 ? -1 : s.indexOf('"', eq + 2);
      if (close < 0 || !PARAMETER_NAME.matcher(s.substring(i, eq)).matches()) {
        throw malformed("The Authorization header's parameters do not parse.");
      }
      if (out.put(s.substring(i, eq).toLowerCase(java.util.Locale.ROOT), s.substring(eq + 2, close))
          != null) {
        throw malformed("A signature parameter is repeated.");
      }
      i = skipSpaces(s, close + 1);
      if (i == s.length()) {
        return out;
      }
      if (s.charAt(i) != ',' || out.size() >= PARAMETERS.size()) {
        throw malformed("The Authorization header's parameters do not parse.");
      }
      i++;
    }
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static List<String> signedHeaders(String value) {
    String[] names = value.split(" ", -1);
    if (names.length > MAX_SIGNED_HEADERS) {
      throw malformed("The signature lists too many headers.");
    }
    List<String> out = new ArrayList<>(names.length);
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      boolean valid = name.equals("(request-target)") || HEADER_NAME.matcher(name).matches();
      if (!valid || !seen.add(name)) {
        throw malformed("The signature's headers must be distinct lower-case header names.");
      }
      out.add(name);
    }
    return List.copyOf(out);
  }

  private static byte[] signature(String value) {
    if (value.isEmpty() || value.length() > MAX_SIGNATURE_CHARS) {
      throw malformed("The signature has an impossible length.");
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw malformed("The signature is not Base64.");
    }
  }

  private static NotAuthenticatedException malformed(String message) {
    return new NotAuthenticatedException(Reason.MALFORMED, message);
  }
}
