package io.ekms.kms.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An EXTERNAL vault: a reference to a vault in the customer's EKM, reached through a private
 * endpoint with an OAuth client. The client secret is kept only sealed ({@code sealedSecret}) and
 * is never returned.
 */
public record Vault(
    String id,
    String compartmentId,
    String displayName,
    Lifecycle state,
    String externalVaultEndpointUrl,
    String privateEndpointId,
    String idcsAccountNameUrl,
    String clientAppId,
    String sealedSecret,
    String vendor,
    Instant timeCreated,
    Instant timeUpdated,
    Instant timeOfDeletion) {
  public Vault {
    Objects.requireNonNull(id);
    Objects.requireNonNull(compartmentId);
    Objects.requireNonNull(state);
    Objects.requireNonNull(externalVaultEndpointUrl);
    Objects.requireNonNull(privateEndpointId);
    Objects.requireNonNull(idcsAccountNameUrl);
    Objects.requireNonNull(clientAppId);
    Objects.requireNonNull(sealedSecret);
  }

  public Vault withState(Lifecycle next, Instant deletion, Instant now) {
    return new Vault(
        id,
        compartmentId,
        displayName,
        next,
        externalVaultEndpointUrl,
        privateEndpointId,
        idcsAccountNameUrl,
        clientAppId,
        sealedSecret,
        vendor,
        timeCreated,
        now,
        deletion);
  }

  public Vault withDisplayName(String name, Instant now) {
    return new Vault(
        id,
        compartmentId,
        name,
        state,
        externalVaultEndpointUrl,
        privateEndpointId,
        idcsAccountNameUrl,
        clientAppId,
        sealedSecret,
        vendor,
        timeCreated,
        now,
        timeOfDeletion);
  }

  @Override
  public String toString() {
    return "Vault[" + id + ", " + state + "]";
  }
}
