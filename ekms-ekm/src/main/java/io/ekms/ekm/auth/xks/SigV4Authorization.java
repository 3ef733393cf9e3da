package io.ekms.ekm.auth.xks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of a SigV4 {@code Authorization} header after its algorithm: {@code
 * Credential=AKID/date/region/service/aws4_request, SignedHeaders=a;b, Signature=hex}. Every part
 * is bounded before use; anything malformed is AuthenticationFailedException.
 */
record SigV4Authorization(
    String accessKeyId,
    String date,
    String region,
    String service,
    List<String> signedHeaders,
    String signature) {
  private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SCOPE_PART = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static SigV4Authorization parse(String rest) {
    if (rest.length() > 2048) {
      throw SigV4Verifier.failed("The Authorization header is too long.");
    }
    Map<String, String> parts = new HashMap<>();
    for (String part : rest.split(",")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq <= 0 || parts.put(p.substring(0, eq), p.substring(eq + 1)) != null) {
        throw SigV4Verifier.failed("The Authorization header is malformed.");
      }
    }
    String credential = parts.get("Credential");
    String signed = parts.get("SignedHeaders");
    String signature = parts.get("Signature");
    if (credential == null || signed == null || signature == null || parts.size() != 3) {
      throw SigV4Verifier.failed("The Authorization header is malformed.");
    }
    String[] scope = credential.split("/", -1);
    if (scope.length != 5
        || !scope[4].equals("aws4_request")
        || !Arrays.stream(scope).allMatch(s -> SCOPE_PART.matcher(s).matches())
        || !SIGNATURE.matcher(signature).matches()) {
      throw SigV4Verifier.failed("The Authorization header is malformed.");
    }
    List<String> headers = List.of(signed.split(";", -1));
    if (headers.size() > 32 || !headers.stream().allMatch(h -> HEADER_NAME.matcher(h).matches())) {
      throw SigV4Verifier.failed("SignedHeaders is malformed.");
    }
    return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], headers, signature);
  }
}
