package io.ekms.kms.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's permission in one compartment (a compartment id, or a tenancy id for the root
 * compartment). A user holds at most one grant per compartment; it applies to that compartment
 * only: there is no compartment tree here, so nothing is inherited.
 */
public record Grant(String userId, String compartmentId, Permission permission, Instant grantedAt) {
  public Grant {
    if (!Ocids.isUser(userId)) {
      throw new IllegalArgumentException("the user id must be an ocid1.user OCID");
    }
    if (!Ocids.isCompartment(compartmentId)) {
      throw new IllegalArgumentException(
          "the compartment id must be an ocid1.compartment or ocid1.tenancy OCID");
    }
    Objects.requireNonNull(permission, "permission");
    Objects.requireNonNull(grantedAt, "grantedAt");
  }
}
