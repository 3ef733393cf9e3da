package io.ekms.ekm.domain;

import java.time.Instant;
import java.util.Objects;

/** An external vault: a namespace of keys bound to one OAuth client of one trusted issuer. */
public record Vault(
    String id,
    String name,
    String issuerId,
    String clientId,
    VaultState state,
    Instant createdAt,
    Instant updatedAt) {
  public Vault {
    Objects.requireNonNull(id);
    Names.check("name", name);
    Objects.requireNonNull(issuerId);
    Names.check("clientId", clientId);
    Objects.requireNonNull(state);
  }

  public Vault withState(VaultState next, Instant now) {
    return new Vault(id, name, issuerId, clientId, next, createdAt, now);
  }
}
