package io.ekms.kms.service;

import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.external.ExternalVault;
import io.ekms.kms.external.ExternalVaults;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live connection to each vault's EKM. A vault's endpoint, URL and OAuth client never change,
 * so the connection (HTTP client, token cache) is kept per vault; answers are never cached.
 */
public final class Connections {
  private final ExternalVaults factory;
  private final SecretSealer sealer;
  private final ConcurrentHashMap<String, ExternalVault> byVault = new ConcurrentHashMap<>();

  public Connections(ExternalVaults factory, SecretSealer sealer) {
    this.factory = factory;
    this.sealer = sealer;
  }

  public ExternalVault forVault(Vault vault, PrivateEndpoint endpoint) {
    return forVault(vault, () -> endpoint);
  }

  /** The vault's connection; {@code endpoint} is read only when none is open yet. */
  public ExternalVault forVault(
      Vault vault, java.util.function.Supplier<PrivateEndpoint> endpoint) {
    ExternalVault open = byVault.get(vault.id());
    return open != null
        ? open
        : byVault.computeIfAbsent(vault.id(), id -> open(vault, endpoint.get()));
  }

  /** A connection for a vault that is not stored yet (vault creation checks the EKM first). */
  public ExternalVault open(Vault vault, PrivateEndpoint endpoint) {
    return factory.connect(
        new ExternalVaults.Endpoint(
            endpoint.id(), endpoint.host(), endpoint.port(), endpoint.caBundle()),
        vault.externalVaultEndpointUrl(),
        new ExternalVaults.OAuthClient(
            vault.idcsAccountNameUrl(),
            vault.clientAppId(),
            () -> sealer.open(vault.id(), vault.sealedSecret())));
  }

  public void forget(String vaultId) {
    byVault.remove(vaultId);
  }
}
