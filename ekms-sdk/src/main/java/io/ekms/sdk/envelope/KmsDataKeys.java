package io.ekms.sdk.envelope;

import io.ekms.common.secret.SecretBytes;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.KmsException;
import io.ekms.sdk.model.DecryptedData;
import io.ekms.sdk.model.GeneratedKey;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Data keys from the ekms KMS: {@code generateDataEncryptionKey} (AES-256, plaintext included) to
 * make one, {@code decrypt} to unwrap one, both with the encryption context as {@code
 * associatedData}. One KMS call per message; nothing is cached.
 *
 * <p>Unwrapping maps the KMS's {@code 400 InvalidParameter} (the wrapped key is malformed or does
 * not authenticate with that context) to {@link InvalidEnvelopeException}; every other failure
 * stays a {@link KmsException}, so an outage or a missing permission is never mistaken for
 * tampering. The answer must name the key the header names.
 */
public final class KmsDataKeys implements DataKeyProvider {
  private final KmsClient kms;

  /** Data keys through {@code kms}. */
  public KmsDataKeys(KmsClient kms) {
    this.kms = Objects.requireNonNull(kms, "kms");
  }

  @Override
  public DataKey generate(KeyReference key, Map<String, String> context) {
    GeneratedKey g =
        kms.crypto(key.vaultId()).generateDataEncryptionKey(key.keyId(), 32, true, context);
    if (g.plaintext() == null) {
      throw new KmsException(200, "MalformedAnswer", "The KMS returned no data key.", null, null);
    }
    byte[] wrapped;
    try {
      wrapped = Base64.getDecoder().decode(g.ciphertext());
    } catch (IllegalArgumentException | NullPointerException e) {
      g.close();
      throw new KmsException(200, "MalformedAnswer", "The KMS returned no wrapped key.", null, e);
    }
    return new DataKey(g.plaintext(), wrapped);
  }

  @Override
  public SecretBytes unwrap(KeyReference key, byte[] wrapped, Map<String, String> context) {
    DecryptedData d;
    try {
      d =
          kms.crypto(key.vaultId())
              .decrypt(key.keyId(), Base64.getEncoder().encodeToString(wrapped), context);
    } catch (KmsException e) {
      if (e.status() == 400 && "InvalidParameter".equals(e.code())) {
        throw new InvalidEnvelopeException(InvalidEnvelopeException.NOT_AUTHENTIC, e);
      }
      throw e;
    }
    if (!key.keyId().equals(d.keyId())) {
      d.close();
      throw new KmsException(
          200, "WrongKey", "The KMS answered with a key other than the one asked for.", null, null);
    }
    return d.plaintext();
  }
}
