package io.ekms.kms.auth;

import io.ekms.core.db.Database;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.store.GrantRepository;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a principal may act in a compartment. {@link #require} passes when the user holds
 * a grant on exactly that compartment whose permission includes the one needed ({@code MANAGE} ⊇
 * {@code USE} ⊇ {@code READ}); otherwise it throws the same 404 {@code NotAuthorizedOrNotFound}
 * that a missing resource gets ({@link AuthError#notAuthorizedOrNotFound}), so callers cannot learn
 * what exists where they may not look. Grants are read from the store on every call: a revocation
 * applies to the next request, on every node.
 */
public final class Authorizer {
  private final Database db;
  private final GrantRepository grants = new GrantRepository();

  public Authorizer(Database db) {
    this.db = db;
  }

  /** Returns when {@code principal} holds {@code needed} in {@code compartmentId}; else throws. */
  public void require(Principal principal, String compartmentId, Permission needed) {
    Objects.requireNonNull(principal, "principal");
    require(principal.userId(), compartmentId, needed);
  }

  /** The same check by user OCID, for callers that keep only the user's id. */
  public void require(String userId, String compartmentId, Permission needed) {
    if (!allows(userId, compartmentId, needed)) {
      throw AuthError.notAuthorizedOrNotFound();
    }
  }

  /** True when {@code userId} holds {@code needed} in {@code compartmentId} (a well-formed one). */
  public boolean allows(String userId, String compartmentId, Permission needed) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(needed, "needed");
    if (!Ocids.isCompartment(compartmentId)) {
      return false;
    }
    Optional<Permission> held = db.withConnection(c -> grants.find(c, userId, compartmentId));
    return held.isPresent() && held.get().includes(needed);
  }
}
