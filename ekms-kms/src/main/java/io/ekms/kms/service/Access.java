package io.ekms.kms.service;

/**
 * Authorization of a caller in a compartment: {@code MANAGE} includes {@code USE}, which includes
 * {@code READ}. Implementations throw {@link KmsError#notFound()} (404) when the caller lacks the
 * permission: the same status, code and message as for a missing resource, so that existence is not
 * revealed. Services ask through {@link Needs}, for every compartment an operation touches.
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
