package io.ekms.kms.auth;

import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the public key a signature names. Contract: {@link #find} answers a key only when the
 * keyId's user exists, belongs to the keyId's tenancy, and currently has a key with exactly that
 * fingerprint; a removed key must not be answered by the next call, on any node. Implementations
 * may cache parsed keys, never the answer to "is this key registered".
 */
public interface PublicKeyDirectory {
  /** The registered key named by {@code keyId}, or empty. */
  Optional<RegisteredKey> find(KeyId keyId);

  /** A registered key together with the principal it authenticates. */
  record RegisteredKey(Principal principal, PublicKey publicKey) {
    public RegisteredKey {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(publicKey, "publicKey");
    }
  }
}
