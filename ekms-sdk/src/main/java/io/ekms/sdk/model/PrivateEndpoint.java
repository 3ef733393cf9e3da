package io.ekms.sdk.model;

import io.ekms.common.secret.Redacted;
import java.util.List;

/**
 * An EKMS private endpoint ({@code EkmsPrivateEndpoint}): the EKM's host, port and the CA bundle
 * the KMS trusts for it, and every address of the EKM's nodes ({@code host:port}, the first being
 * {@code externalKeyManagerIp} and {@code port}) in the order the KMS tries them.
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
    String timeCreated,
    List<String> externalKeyManagerAddresses) {
  @Override
  public String toString() {
    return Redacted.toString(this);
  }

  /**
   * {@code CreateEkmsPrivateEndpointDetails}. Addresses and CA bundle cannot change later. {@code
   * externalKeyManagerAddresses}, when not null, lists every EKM node as {@code host:port} (IPv6 in
   * brackets), starting with {@code externalKeyManagerIp} and {@code port} if those are given.
   */
  public record Create(
      String compartmentId,
      String displayName,
      String subnetId,
      String externalKeyManagerIp,
      Integer port,
      String caBundle,
      List<String> externalKeyManagerAddresses) {
    /** An endpoint with the one address {@code externalKeyManagerIp}:{@code port}. */
    public Create(
        String compartmentId,
        String displayName,
        String subnetId,
        String externalKeyManagerIp,
        Integer port,
        String caBundle) {
      this(compartmentId, displayName, subnetId, externalKeyManagerIp, port, caBundle, null);
    }

    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }
}
