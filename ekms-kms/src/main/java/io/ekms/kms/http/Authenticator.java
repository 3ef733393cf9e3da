package io.ekms.kms.http;

import java.util.List;
import java.util.function.Function;

/**
 * Authenticates a signed request and names its principal (a user OCID). Implementations throw
 * {@code KmsError.NOT_AUTHENTICATED} (401) for anything unsigned, badly signed, with a body hash
 * mismatch or a date outside the allowed skew.
 */
@FunctionalInterface
public interface Authenticator {
  String authenticate(
      String method, String pathAndQuery, Function<String, List<String>> headers, byte[] body);
}
