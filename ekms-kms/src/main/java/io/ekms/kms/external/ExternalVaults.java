package io.ekms.kms.external;

import io.ekms.common.secret.SecretBytes;
import io.ekms.kms.domain.ClientCertificate;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import java.util.function.Supplier;

/**
 * Connections to the EKM vaults behind the KMS's vaults. Implementations reuse HTTP connections per
 * private endpoint and access tokens per OAuth client; they never cache key material or answers.
 * The vault's OAuth client secret is opened (with {@code secrets}) only when a connection is made.
 */
public interface ExternalVaults {
  /**
   * The connection to {@code vault}'s EKM. A vault's endpoint, URL and OAuth client never change,
   * so the connection is kept per vault id (a bounded number of them; beyond the bound some are
   * dropped and reopened when next used). The endpoint's client certificate may change: {@code
   * endpointIdentity} is its {@link ClientCertificate#identity(ClientCertificate)} as read for this
   * call, and a kept connection made with another is replaced. {@code endpoint} is read only when a
   * connection is made.
   */
  ExternalVault forVault(
      Vault vault,
      String endpointIdentity,
      Supplier<PrivateEndpoint> endpoint,
      ClientSecrets secrets);

  /** As above, for a caller holding the endpoint already (it is read now). */
  default ExternalVault forVault(
      Vault vault, Supplier<PrivateEndpoint> endpoint, ClientSecrets secrets) {
    PrivateEndpoint now = endpoint.get();
    return forVault(vault, ClientCertificate.identity(now.clientCertificate()), () -> now, secrets);
  }

  /** A connection that is not kept, for a vault that is not stored yet (creation asks the EKM). */
  ExternalVault open(Vault vault, PrivateEndpoint endpoint, ClientSecrets secrets);

  /** Opens a vault's sealed OAuth client secret; the result belongs to the caller. */
  @FunctionalInterface
  interface ClientSecrets {
    SecretBytes open(String vaultId, String sealedSecret);
  }
}
