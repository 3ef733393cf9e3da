package io.ekms.kms.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the customer's EKM is reached: one or more addresses of its nodes (host and port, in the
 * order the KMS tries them; all serve the same vaults under the same path), and the CA bundle that
 * is the only trust for their TLS certificates. Addresses and CA bundle never change after
 * creation. The first address is the endpoint's {@link #host()} and {@link #port()}. {@code
 * clientCertificate}, when not null, is what the KMS presents to EKMs that require client
 * certificates; it may be replaced (rotated) or removed.
 */
public record PrivateEndpoint(
    String id,
    String compartmentId,
    String displayName,
    String subnetId,
    List<EkmAddress> addresses,
    String caBundle,
    Lifecycle state,
    Instant timeCreated,
    Instant timeUpdated,
    ClientCertificate clientCertificate) {
  /** At most this many addresses per endpoint. */
  public static final int MAX_ADDRESSES = 8;

  public PrivateEndpoint {
    Objects.requireNonNull(id);
    Objects.requireNonNull(compartmentId);
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty() || addresses.size() > MAX_ADDRESSES) {
      throw new IllegalArgumentException("an endpoint has 1 to " + MAX_ADDRESSES + " addresses");
    }
    if (new HashSet<>(addresses.stream().map(a -> a.toString().toLowerCase(Locale.ROOT)).toList())
            .size()
        != addresses.size()) {
      throw new IllegalArgumentException("an endpoint's addresses must differ");
    }
    Objects.requireNonNull(caBundle);
    Objects.requireNonNull(state);
  }

  /** An endpoint without a client certificate. */
  public PrivateEndpoint(
      String id,
      String compartmentId,
      String displayName,
      String subnetId,
      List<EkmAddress> addresses,
      String caBundle,
      Lifecycle state,
      Instant timeCreated,
      Instant timeUpdated) {
    this(
        id,
        compartmentId,
        displayName,
        subnetId,
        addresses,
        caBundle,
        state,
        timeCreated,
        timeUpdated,
        null);
  }

  /** An endpoint with the one address {@code host}:{@code port}. */
  public PrivateEndpoint(
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
    this(
        id,
        compartmentId,
        displayName,
        subnetId,
        List.of(new EkmAddress(Objects.requireNonNull(host), port)),
        caBundle,
        state,
        timeCreated,
        timeUpdated,
        null);
  }

  /** The first address's host. */
  public String host() {
    return addresses.get(0).host();
  }

  /** The first address's port. */
  public int port() {
    return addresses.get(0).port();
  }

  public PrivateEndpoint withDisplayName(String name, Instant now) {
    return new PrivateEndpoint(
        id,
        compartmentId,
        name,
        subnetId,
        addresses,
        caBundle,
        state,
        timeCreated,
        now,
        clientCertificate);
  }

  public PrivateEndpoint withState(Lifecycle next, Instant now) {
    return new PrivateEndpoint(
        id,
        compartmentId,
        displayName,
        subnetId,
        addresses,
        caBundle,
        next,
        timeCreated,
        now,
        clientCertificate);
  }

  /** With {@code certificate} (null: none) as the client certificate. */
  public PrivateEndpoint withClientCertificate(ClientCertificate certificate, Instant now) {
    return new PrivateEndpoint(
        id,
        compartmentId,
        displayName,
        subnetId,
        addresses,
        caBundle,
        state,
        timeCreated,
        now,
        certificate);
  }
}
