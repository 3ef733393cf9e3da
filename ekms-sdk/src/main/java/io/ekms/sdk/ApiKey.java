package io.ekms.sdk;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * An OCI API key: the RSA private key that signs requests and the ids that name it to the KMS.
 * {@link #keyId()} is what the signature's {@code keyId} carries; the private key never appears in
 * {@link #toString()}.
 */
public record ApiKey(String tenancyId, String userId, String fingerprint, PrivateKey privateKey) {
  /** Checks that every part is present and the key is RSA. */
  public ApiKey {
    Objects.requireNonNull(tenancyId, "tenancyId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(privateKey, "privateKey");
    if (!"RSA".equals(privateKey.getAlgorithm())) {
      throw new IllegalArgumentException("OCI API keys are RSA keys");
    }
  }

  /** {@code <tenancyId>/<userId>/<fingerprint>}. */
  public String keyId() {
    return tenancyId + "/" + userId + "/" + fingerprint;
  }

  @Override
  public String toString() {
    return "ApiKey[" + keyId() + ", privateKey=[REDACTED]]";
  }
}
