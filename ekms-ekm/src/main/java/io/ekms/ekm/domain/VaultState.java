package io.ekms.ekm.domain;

/** A vault is the customer's kill switch: while BLOCKED every operation on it fails. */
public enum VaultState {
  ACTIVE,
  BLOCKED
}
