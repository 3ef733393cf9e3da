package io.ekms.ekm.service;

import io.ekms.common.json.Base64Field;
import io.ekms.common.secret.Wipe;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.domain.xks.XksCodec;
import io.ekms.ekm.domain.xks.XksError;
import io.ekms.ekm.domain.xks.XksKeyStore.ExposedKey;
import io.ekms.ekm.service.XksMessages.DecryptRequest;
import io.ekms.ekm.service.XksMessages.DecryptResponse;
import io.ekms.ekm.service.XksMessages.EncryptRequest;
import io.ekms.ekm.service.XksMessages.EncryptResponse;
import io.ekms.ekm.service.XksMessages.KeyMetadataResponse;
import java.util.Arrays;

/**
 * GetKeyMetadata, Encrypt and Decrypt of one key store's key: the key store's usage rule, the XKS
 * wire format, then one call to {@link XksCrypto}.
 */
public final class XksOperations {
  static final int MAX_PLAINTEXT = 8192;
  static final int MAX_AAD = 8192;
  static final String ALGORITHM = "AES_GCM";
  private final XksCrypto crypto;

  public XksOperations(XksCrypto crypto) {
    this.crypto = crypto;
  }

  public KeyMetadataResponse metadata(CallContext ctx, ExposedKey key) {
    boolean enabled = crypto.enabled(ctx, key);
    return new KeyMetadataResponse(
        "AES_256", key.usage().names(), enabled ? "ENABLED" : "DISABLED");
  }

  public EncryptResponse encrypt(CallContext ctx, ExposedKey key, EncryptRequest body) {
    algorithm(body.encryptionAlgorithm());
    byte[] plaintext = XksCodec.field("plaintext", body.plaintext(), MAX_PLAINTEXT);
    byte[] aad =
        XksCodec.optionalField(
            "additionalAuthenticatedData", body.additionalAuthenticatedData(), MAX_AAD);
    String cdivAlgorithm = body.ciphertextDataIntegrityValueAlgorithm();
    if (cdivAlgorithm != null && !cdivAlgorithm.equals("SHA_256")) {
      throw XksError.VALIDATION.error(
          "Field 'ciphertextDataIntegrityValueAlgorithm' must be SHA_256.");
    }
    boolean cdiv = cdivAlgorithm != null;
    if (!key.usage().encrypt() || (cdiv && !key.usage().decrypt())) {
      throw XksError.INVALID_KEY_USAGE.error(
          cdiv
              ? "A data integrity value needs a key that may encrypt and decrypt."
              : "This key may not encrypt.");
    }
    GcmOutput gcm;
    byte[] metadata;
    String integrity = null;
    try {
      XksCrypto.Encrypted out =
          crypto.encrypt(ctx, key, plaintext, n -> XksCodec.gcmAad(aad, XksCodec.metadata(n)));
      gcm = out.output();
      metadata = XksCodec.metadata(out.versionNumber());
      if (cdiv) {
        verify(
            plaintext,
            crypto.decrypt(ctx, key, out.versionNumber(), gcm, XksCodec.gcmAad(aad, metadata)));
        integrity = XksCodec.integrityValue(aad, metadata, gcm.iv(), gcm.ciphertext(), gcm.tag());
      }
    } finally {
      Wipe.bytes(plaintext);
    }
    return new EncryptResponse(
        Base64Field.encode(gcm.ciphertext()),
        Base64Field.encode(gcm.iv()),
        Base64Field.encode(gcm.tag()),
        Base64Field.encode(metadata),
        integrity);
  }

  public DecryptResponse decrypt(CallContext ctx, ExposedKey key, DecryptRequest body) {
    algorithm(body.encryptionAlgorithm());
    if (!key.usage().decrypt()) {
      throw XksError.INVALID_KEY_USAGE.error("This key may not decrypt.");
    }
    byte[] ciphertext = XksCodec.field("ciphertext", body.ciphertext(), MAX_PLAINTEXT);
    byte[] iv = XksCodec.field("initializationVector", body.initializationVector(), 16);
    byte[] tag = XksCodec.field("authenticationTag", body.authenticationTag(), 16);
    byte[] aad =
        XksCodec.optionalField(
            "additionalAuthenticatedData", body.additionalAuthenticatedData(), MAX_AAD);
    byte[] metadata = XksCodec.optionalField("ciphertextMetadata", body.ciphertextMetadata(), 20);
    if ((iv.length != 12 && iv.length != 16) || tag.length != 16) {
      throw XksError.VALIDATION.error(
          "The initialization vector must be 12 or 16 bytes and the tag 16.");
    }
    if (iv.length != 12) {
      throw XksError.INVALID_CIPHERTEXT.error("This proxy makes only 12-byte IVs.");
    }
    Integer version = metadata == null ? null : XksCodec.versionNumber(metadata);
    byte[] plaintext =
        crypto.decrypt(
            ctx, key, version, new GcmOutput(ciphertext, iv, tag), XksCodec.gcmAad(aad, metadata));
    try {
      return new DecryptResponse(Base64Field.encode(plaintext));
    } finally {
      Wipe.bytes(plaintext);
    }
  }

  /** Checks that the verifying decrypt gave back the plaintext, and wipes what it gave. */
  private static void verify(byte[] plaintext, byte[] check) {
    try {
      if (!Arrays.equals(check, plaintext)) {
        throw XksError.INTERNAL.error("The verifying decrypt did not return the plaintext.");
      }
    } finally {
      Wipe.bytes(check);
    }
  }

  private static void algorithm(String name) {
    if (!ALGORITHM.equals(name)) {
      throw XksError.VALIDATION.error("Field 'encryptionAlgorithm' must be AES_GCM.");
    }
  }
}
