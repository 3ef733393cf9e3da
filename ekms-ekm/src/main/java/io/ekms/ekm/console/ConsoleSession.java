package io.ekms.ekm.console;

import io.ekms.ekm.service.CallContext;
import java.util.Map;

/**
 * A logged-in console user: the administrator the session was opened for, a short handle naming the
 * session in audit records (a prefix of the stored hash, useless as a credential), and the CSRF
 * token every state change must carry.
 */
public record ConsoleSession(String administrator, String handle, String csrf) {
  /** The detail every audit record of a console action carries. */
  public static final String AUDIT_DETAIL = "consoleSession";

  /** The context a console action runs under: this session's administrator, its own request id. */
  public CallContext context(String requestId) {
    return new CallContext(requestId, administrator, null, null)
        .withDetails(Map.of(AUDIT_DETAIL, handle));
  }

  @Override
  public String toString() {
    return "ConsoleSession[" + administrator + ", " + handle + "]";
  }
}
