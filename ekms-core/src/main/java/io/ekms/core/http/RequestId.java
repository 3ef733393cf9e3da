package io.ekms.core.http;

import io.ekms.core.crypto.Randoms;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.regex.Pattern;

/**
 * The {@code opc-request-id} that ties one operation together across the KMS, the EKM and both
 * audit logs: taken from the caller when well formed, generated otherwise, always echoed.
 */
public final class RequestId {
  public static final HeaderName HEADER = HeaderNames.create("opc-request-id");
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:/-]{1,98}");

  private RequestId() {}

  /** Reads or makes the request id and sets it on the response. */
  public static String bind(ServerRequest request, ServerResponse response) {
    String id =
        request.headers().first(HEADER).filter(RequestId::isValid).orElseGet(RequestId::generate);
    response.header(HEADER, id);
    return id;
  }

  public static boolean isValid(String id) {
    return VALID.matcher(id).matches();
  }

  public static String generate() {
    return Randoms.hex(16).toUpperCase(java.util.Locale.ROOT);
  }
}
