package io.ekms.core.admin;

import io.ekms.core.http.Authenticator;
import java.util.function.BiFunction;

/**
 * The gate of an admin API: the presented token names an administrator ({@link AdminDirectory}),
 * whose roles must allow the route's operation ({@link RoleTable}). Both refusals are thrown before
 * the route runs, so the exchange counts them in the refusal records.
 */
public final class AdminAccess {
  private final AdminDirectory directory;
  private final RoleTable roles;
  private final AdminErrors errors;
  private final Quorum quorum;

  public AdminAccess(AdminDirectory directory, RoleTable roles, AdminErrors errors) {
    this(directory, roles, errors, null);
  }

  /** With {@code quorum} (null: none) holding the calls it covers for approval. */
  public AdminAccess(AdminDirectory directory, RoleTable roles, AdminErrors errors, Quorum quorum) {
    this.directory = directory;
    this.roles = roles;
    this.errors = errors;
    this.quorum = quorum;
  }

  /** The calls held for approval, for each admin exchange of the server; null when none. */
  public Quorum quorum() {
    return quorum;
  }

  public AdminDirectory directory() {
    return directory;
  }

  public RoleTable roles() {
    return roles;
  }

  public AdminErrors errors() {
    return errors;
  }

  /** The API's authenticator: the caller {@code caller} makes of the admitted administrator. */
  public <C> Authenticator<C> authenticator(BiFunction<Administrator, String, C> caller) {
    return request -> {
      Administrator admin =
          request.isReplay()
              ? stillThere((Administrator) request.principal())
              : directory.authenticate(request.header("Authorization"));
      check(admin, request.operation());
      request.principal(admin);
      return caller.apply(admin, request.requestId());
    };
  }

  /** The administrator who made a held call, as it is now: removed, the call no longer runs. */
  private Administrator stillThere(Administrator requester) {
    return directory
        .find(requester.id())
        .orElseThrow(
            () ->
                errors.unauthenticated(
                    "The administrator who asked for this was removed; it does not run."));
  }

  /** Refuses {@code admin} an operation its roles do not allow. */
  public void check(Administrator admin, String operation) {
    if (!roles.allows(admin, operation)) {
      throw errors.forbidden(roles.refusal(admin, operation));
    }
  }
}
