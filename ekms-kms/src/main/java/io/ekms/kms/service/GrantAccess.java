package io.ekms.kms.service;

import io.ekms.core.db.Database;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.domain.Permission;
import io.ekms.kms.store.GrantRepository;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Access} by per-compartment grants ({@code MANAGE} ⊇ {@code USE} ⊇ {@code READ}) from the
 * KMS store. {@link #require} passes when the caller holds a grant on exactly that compartment
 * whose permission includes the one needed; otherwise it throws {@link KmsError#notFound()}, the
 * very answer a missing resource gets, so callers cannot learn what exists where they may not look.
 * Grants are read from the store on every call: a revocation applies to the next request, on every
 * node.
 */
public final class GrantAccess implements Access {
  private final Database db;
  private final GrantRepository grants = new GrantRepository();

  public GrantAccess(Database db) {
    this.db = db;
  }

  @Override
  public void require(Caller caller, String compartmentId, Need need) {
    Permission needed =
        switch (need) {
          case READ -> Permission.READ;
          case USE -> Permission.USE;
          case MANAGE -> Permission.MANAGE;
        };
    if (!allows(caller.principalId(), compartmentId, needed)) {
      throw KmsError.notFound();
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
