package io.ekms.kms.external;

import io.ekms.core.secret.SecretBytes;
import java.util.function.Supplier;

/**
 * Opens connections to EKM vaults. Implementations reuse HTTP connections per private endpoint and
 * access tokens per OAuth client; they never cache key material or answers.
 */
public interface ExternalVaults {
  /**
   * A connection to the EKM vault at {@code vaultUrl}, reached through {@code endpoint}. {@code
   * clientSecret} is opened only when a new access token is needed.
   */
  ExternalVault connect(Endpoint endpoint, String vaultUrl, OAuthClient client);

  /** The private endpoint: host, port, and the CA bundle that is the only trust. */
  record Endpoint(String id, String host, int port, String caBundlePem) {}

  /** The vault's OAuth client at its identity server. */
  record OAuthClient(String identityUrl, String clientId, Supplier<SecretBytes> clientSecret) {
    @Override
    public String toString() {
      return "OAuthClient[" + identityUrl + ", " + clientId + "]";
    }
  }
}
