package io.ekms.kms.ekmclient;

/**
 * The EKM's answer to GetVaultMetadata.
 *
 * @param state {@code ACTIVE}, or {@code BLOCKED} when the customer has cut the cloud off
 * @param vendor the EKM's vendor name, as it reports it
 */
public record VaultMetadata(State state, String vendor) {
  /** Vault states of the EKM API. */
  public enum State {
    ACTIVE,
    BLOCKED
  }

  public VaultMetadata {
    if (state == null) {
      throw new IllegalArgumentException("state is required");
    }
    vendor = Ids.text("vendor", vendor);
  }
}
