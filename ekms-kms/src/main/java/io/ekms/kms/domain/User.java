package io.ekms.kms.domain;

import java.time.Instant;
import java.util.Objects;

/** A user who may call the KMS: an OCI-style user id, its tenancy, and a name unique there. */
public record User(String id, String tenancyId, String name, Instant createdAt) {
  public static final int MAX_NAME_CHARS = 100;

  public User {
    if (!Ocids.isUser(id)) {
      throw new IllegalArgumentException("the user id must be an ocid1.user OCID");
    }
    if (!Ocids.isTenancy(tenancyId)) {
      throw new IllegalArgumentException("the tenancy id must be an ocid1.tenancy OCID");
    }
    if (name == null
        || name.isBlank()
        || name.length() > MAX_NAME_CHARS
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "the user name must be 1 to 100 characters without control characters");
    }
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
