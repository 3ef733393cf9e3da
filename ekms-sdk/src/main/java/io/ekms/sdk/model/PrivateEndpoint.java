package io.ekms.sdk.model;

import io.ekms.common.secret.Redacted;

/**
 * An EKMS private endpoint ({@code EkmsPrivateEndpoint}): the EKM's host, port and the CA bundle
 * the KMS trusts for it.
 */
public record PrivateEndpoint(
    String id,
    String compartmentId,
    String displayName,
    String subnetId,
    String externalKeyManagerIp,
    Integer port,
    String caBundle,
    String lifecycleState,
    String timeCreated) {
  @Override
  public String toString() {
    return Redacted.toString(this);
  }

  /** {@code CreateEkmsPrivateEndpointDetails}. Host, port and CA bundle cannot change later. */
  public record Create(
      String compartmentId,
      String displayName,
      String subnetId,
      String externalKeyManagerIp,
      Integer port,
      String caBundle) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }
}
