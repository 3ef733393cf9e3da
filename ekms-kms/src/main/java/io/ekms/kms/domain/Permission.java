package io.ekms.kms.domain;

/**
 * What a grant allows in a compartment, ordered so that each level includes the ones before it:
 * {@code MANAGE} ⊇ {@code USE} ⊇ {@code READ}. {@code READ} reads metadata; {@code USE} adds the
 * crypto operations; {@code MANAGE} adds creating and changing vaults, keys and endpoints.
 */
public enum Permission {
  READ,
  USE,
  MANAGE;

  /** True when holding this permission satisfies a need for {@code needed}. */
  public boolean includes(Permission needed) {
    return compareTo(needed) >= 0;
  }
}
