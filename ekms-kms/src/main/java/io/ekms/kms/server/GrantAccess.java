package io.ekms.kms.server;

import io.ekms.kms.auth.Authorizer;
import io.ekms.kms.auth.Permission;
import io.ekms.kms.service.Access;
import io.ekms.kms.service.Caller;

/** Per-compartment grants ({@code manage} ⊇ {@code use} ⊇ {@code read}) from the KMS store. */
final class GrantAccess implements Access {
  private final Authorizer authorizer;

  GrantAccess(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  @Override
  public void require(Caller caller, String compartmentId, Need need) {
    authorizer.require(
        caller.principalId(),
        compartmentId,
        switch (need) {
          case READ -> Permission.READ;
          case USE -> Permission.USE;
          case MANAGE -> Permission.MANAGE;
        });
  }
}
