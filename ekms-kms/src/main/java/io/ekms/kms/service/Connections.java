package io.ekms.kms.service;

import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.external.ExternalVault;
import io.ekms.kms.external.ExternalVaults;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live connection to each vault's EKM. A vault's endpoint, URL and OAuth client never change,
 * so the connection is kept per vault; answers are never cached. A connection is a handle: the HTTP
 * clients and tokens behind it are pooled (and bounded) by the {@link ExternalVaults}. Callers can
 * create vaults, so at most {@code max} are kept; beyond that, some are dropped and reopened when
 * next used.
 */
public final class Connections {
  /** At most this many vaults' connections are kept by default. */
  static final int DEFAULT_MAX = 4096;

  private final ExternalVaults factory;
  private final SecretSealer sealer;
  private final int max;
  private final ConcurrentHashMap<String, ExternalVault> byVault = new ConcurrentHashMap<>();

  public Connections(ExternalVaults factory, SecretSealer sealer) {
    this(factory, sealer, DEFAULT_MAX);
  }

  Connections(ExternalVaults factory, SecretSealer sealer, int max) {
    this.factory = factory;
    this.sealer = sealer;
    this.max = max;
  }

  public ExternalVault forVault(Vault vault, PrivateEndpoint endpoint) {
    return forVault(vault, () -> endpoint);
  }

  /** The vault's connection; {@code endpoint} is read only when none is open yet. */
  public ExternalVault forVault(
      Vault vault, java.util.function.Supplier<PrivateEndpoint> endpoint) {
    ExternalVault open = byVault.get(vault.id());
    if (open != null) {
      return open;
    }
    Iterator<String> others = byVault.keySet().iterator();
    while (byVault.size() >= max && others.hasNext()) {
      byVault.remove(others.next());
    }
    return byVault.computeIfAbsent(vault.id(), id -> open(vault, endpoint.get()));
  }

  /** How many vaults' connections are kept. */
  int size() {
    return byVault.size();
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
