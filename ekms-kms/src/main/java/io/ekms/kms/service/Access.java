package io.ekms.kms.service;

/**
 * Authorization of a caller in a compartment: {@code MANAGE} includes {@code USE}, which includes
 * {@code READ}. Implementations throw {@code KmsError.NOT_AUTHORIZED_OR_NOT_FOUND} (404) when the
 * caller lacks the permission, so that existence is not revealed.
 */
@FunctionalInterface
public interface Access {
  /** What an operation needs. */
  enum Need {
    READ,
    USE,
    MANAGE
  }

  void require(Caller caller, String compartmentId, Need need);
}
