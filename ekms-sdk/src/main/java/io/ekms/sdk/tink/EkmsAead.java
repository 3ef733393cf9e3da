package io.ekms.sdk.tink;

import com.google.crypto.tink.Aead;
import io.ekms.sdk.KmsCrypto;
import io.ekms.sdk.KmsException;
import io.ekms.sdk.model.DecryptedData;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

/**
 * A Tink {@link Aead} whose key stays in the customer's key manager: every call is one KMS encrypt
 * or decrypt with an ekms key (so a key disabled in the EKM fails the very next call). Tink's
 * associated data travels as the KMS associated-data entry {@value #AAD_ENTRY} (Base64). Plaintexts
 * are at most {@link KmsCrypto#MAX_PLAINTEXT} bytes: use it to wrap data keys, as Tink's {@code
 * KmsEnvelopeAead} does.
 */
final class EkmsAead implements Aead {
  static final String AAD_ENTRY = "tink.aad";
  private final KmsCrypto crypto;
  private final String keyId;

  EkmsAead(KmsCrypto crypto, String keyId) {
    this.crypto = crypto;
    this.keyId = keyId;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    if (plaintext.length == 0 || plaintext.length > KmsCrypto.MAX_PLAINTEXT) {
      throw new GeneralSecurityException(
          "an ekms key encrypts 1 to " + KmsCrypto.MAX_PLAINTEXT + " bytes; wrap a data key");
    }
    try {
      String ciphertext = crypto.encrypt(keyId, plaintext, context(associatedData)).ciphertext();
      return Base64.getDecoder().decode(ciphertext);
    } catch (KmsException e) {
      throw refused("encrypt", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    String encoded = Base64.getEncoder().encodeToString(ciphertext);
    try (DecryptedData d = crypto.decrypt(keyId, encoded, context(associatedData))) {
      return d.plaintext().reveal(byte[]::clone);
    } catch (KmsException e) {
      throw refused("decrypt", e);
    }
  }

  private static Map<String, String> context(byte[] associatedData) {
    return associatedData == null || associatedData.length == 0
        ? Map.of()
        : Map.of(AAD_ENTRY, Base64.getEncoder().encodeToString(associatedData));
  }

  /** Tink's contract: a failed operation is a GeneralSecurityException, the KMS's code kept. */
  private static GeneralSecurityException refused(String what, KmsException e) {
    return new GeneralSecurityException(
        "ekms " + what + " failed: " + e.status() + " " + e.code(), e);
  }
}
