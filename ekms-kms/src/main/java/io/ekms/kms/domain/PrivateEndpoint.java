package io.ekms.kms.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the customer's EKM is reached: host and port, and the CA bundle that is the only trust for
 * its TLS certificate. Host, port and CA bundle never change after creation.
 */
public record PrivateEndpoint(
    String id,
    String compartmentId,
    String displayName,
    String subnetId,
    String host,
    int port,
    String caBundle,
    Lifecycle state,
    Instant timeCreated,
    Instant timeUpdated) {
  public PrivateEndpoint {
    Objects.requireNonNull(id);
    Objects.requireNonNull(compartmentId);
    Objects.requireNonNull(host);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535");
    }
    Objects.requireNonNull(caBundle);
    Objects.requireNonNull(state);
  }

  public PrivateEndpoint withDisplayName(String name, Instant now) {
    return new PrivateEndpoint(
        id, compartmentId, name, subnetId, host, port, caBundle, state, timeCreated, now);
  }

  public PrivateEndpoint withState(Lifecycle next, Instant now) {
    return new PrivateEndpoint(
        id, compartmentId, displayName, subnetId, host, port, caBundle, next, timeCreated, now);
  }
}
