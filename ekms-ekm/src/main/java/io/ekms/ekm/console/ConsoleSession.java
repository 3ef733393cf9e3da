package io.ekms.ekm.console;

import io.ekms.core.admin.Administrator;
import io.ekms.ekm.service.CallContext;
import java.util.Map;

/**
 * A logged-in console user: the administrator the session was opened for, a short handle naming the
 * session in audit records (a prefix of the stored hash, useless as a credential), and the CSRF
 * token every state change must carry.
 */
public record ConsoleSession(Administrator admin, String handle, String csrf) {
  /** The detail every audit record of a console action carries. */
  public static final String AUDIT_DETAIL = "consoleSession";

  /** The administrator's name, as the console shows it. */
  public String administrator() {
    return admin.name();
  }

  /** The context a console action runs under: this session's administrator, its own request id. */
  public CallContext context(String requestId) {
    return CallContext.admin(requestId, admin.caller()).withDetails(Map.of(AUDIT_DETAIL, handle));
  }

  @Override
  public String toString() {
    return "ConsoleSession[" + admin.name() + ", " + handle + "]";
  }
}
