package io.ekms.kms.server;

import io.ekms.kms.auth.Authorizer;
import io.ekms.kms.auth.Permission;
import io.ekms.kms.service.Access;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.KmsError;

/**
 * Per-compartment grants ({@code manage} ⊇ {@code use} ⊇ {@code read}) from the KMS store. A caller
 * without the grant gets {@link KmsError#notFound()}, the very answer a missing resource gets.
 */
public final class GrantAccess implements Access {
  private final Authorizer authorizer;

  public GrantAccess(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  @Override
  public void require(Caller caller, String compartmentId, Need need) {
    Permission needed =
        switch (need) {
          case READ -> Permission.READ;
          case USE -> Permission.USE;
          case MANAGE -> Permission.MANAGE;
        };
    if (!authorizer.allows(caller.principalId(), compartmentId, needed)) {
      throw KmsError.notFound();
    }
  }
}
