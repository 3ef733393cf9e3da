package io.ekms.kms.service;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import io.ekms.kms.ciphertext.AssociatedData;
import io.ekms.kms.ciphertext.KmsCiphertext;
import io.ekms.kms.ciphertext.MalformedCiphertextException;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.external.EkmUnavailable;
import io.ekms.kms.external.ExternalVault;
import io.ekms.kms.external.ExternalVaults;
import io.ekms.kms.service.KmsAudit.Target;
import io.ekms.kms.store.CryptoLookup;
import java.util.Map;

/**
 * Encrypt, decrypt and generateDataEncryptionKey. Each is a live call to the EKM: no key material,
 * plaintext or DEK is cached or stored by the KMS. The ciphertext names the KMS key version that
 * made it ({@link KmsCiphertext}), and decrypt uses exactly that version.
 */
public final class CryptoService {
  public static final int MAX_PLAINTEXT = 4096;
  private final Resources resources;
  private final Access access;
  private final KmsAudit audit;
  private final ExternalVaults externalVaults;
  private final SecretSealer sealer;

  public CryptoService(
      Resources resources,
      Access access,
      KmsAudit audit,
      ExternalVaults externalVaults,
      SecretSealer sealer) {
    this.resources = resources;
    this.access = access;
    this.audit = audit;
    this.externalVaults = externalVaults;
    this.sealer = sealer;
  }

  /** What encrypt returns. */
  public record Encrypted(byte[] ciphertext, String keyId, String keyVersionId) {}

  /** What decrypt returns; the caller wipes the plaintext after answering. */
  public record Decrypted(SecretBytes plaintext, String keyId, String keyVersionId) {}

  public Encrypted encrypt(
      Caller caller,
      String vaultId,
      String keyId,
      String keyVersionId,
      byte[] plaintext,
      Map<String, String> associatedData) {
    return audit.run(
        caller,
        "Encrypt",
        new Target(vaultId, keyId, keyVersionId),
        e -> new Target(vaultId, keyId, e.keyVersionId()),
        () -> {
          Validate.check(
              plaintext.length >= 1 && plaintext.length <= MAX_PLAINTEXT,
              "'plaintext' must be 1 to 4096 bytes.");
          return seal(caller, vaultId, keyId, keyVersionId, plaintext, associatedData);
        });
  }

  public Decrypted decrypt(
      Caller caller,
      String vaultId,
      String keyId,
      String keyVersionId,
      byte[] ciphertext,
      Map<String, String> associatedData) {
    return audit.run(
        caller,
        "Decrypt",
        new Target(vaultId, keyId, keyVersionId),
        d -> new Target(vaultId, keyId, d.keyVersionId()),
        () -> {
          KmsCiphertext parsed;
          try {
            parsed = KmsCiphertext.parse(ciphertext);
          } catch (MalformedCiphertextException e) {
            throw KmsError.INVALID_PARAMETER.error(e.getMessage());
          }
          if (keyVersionId != null && !keyVersionId.equals(parsed.keyVersionId())) {
            throw KmsError.INVALID_PARAMETER.error(
                "'keyVersionId' is not the key version that made this ciphertext.");
          }
          Use use = use(caller, vaultId, keyId, parsed.keyVersionId());
          byte[] aad = aad(parsed.header(), associatedData);
          SecretBytes plain =
              use.ekm()
                  .decrypt(
                      caller.requestId(),
                      use.key().externalKeyId(),
                      use.version().externalKeyVersionId(),
                      new ExternalVault.Sealed(
                          parsed.body(),
                          parsed.iv(),
                          parsed.tag(),
                          use.version().externalKeyVersionId()),
                      aad);
          return new Decrypted(plain, keyId, use.version().id());
        });
  }

  /** A generated data key: wrapped by the KMS key, and in plaintext for the caller to wipe. */
  public record Generated(Encrypted wrapped, SecretBytes dek) {}

  /** A fresh DEK from a strong RNG, wrapped by the key's current version. */
  public Generated generateDataEncryptionKey(
      Caller caller,
      String vaultId,
      String keyId,
      int lengthBytes,
      Map<String, String> associatedData) {
    return audit.run(
        caller,
        "GenerateDataEncryptionKey",
        new Target(vaultId, keyId, null),
        g -> new Target(vaultId, keyId, g.wrapped().keyVersionId()),
        () -> {
          Validate.check(
              lengthBytes == 16 || lengthBytes == 24 || lengthBytes == 32,
              "'keyShape.length' must be 16, 24 or 32 (bytes).");
          SecretBytes dek = SecretBytes.adopt(Randoms.bytes(lengthBytes));
          try {
            Encrypted wrapped =
                dek.reveal(d -> seal(caller, vaultId, keyId, null, d, associatedData));
            return new Generated(wrapped, dek);
          } catch (RuntimeException e) {
            dek.close();
            throw e;
          }
        });
  }

  private Encrypted seal(
      Caller caller,
      String vaultId,
      String keyId,
      String keyVersionId,
      byte[] plaintext,
      Map<String, String> associatedData) {
    Use use = use(caller, vaultId, keyId, keyVersionId);
    KmsCiphertext shape =
        new KmsCiphertext(use.version().id(), new byte[12], new byte[16], new byte[1]);
    byte[] aad = aad(shape.header(), associatedData);
    ExternalVault.Sealed sealed =
        use.ekm()
            .encrypt(
                caller.requestId(),
                use.key().externalKeyId(),
                use.version().externalKeyVersionId(),
                plaintext,
                aad);
    // The ciphertext will name this version: an answer made by another one could never decrypt.
    if (!use.version().externalKeyVersionId().equals(sealed.externalVersionId())) {
      String answered =
          "The external key manager answered with key version "
              + sealed.externalVersionId()
              + " instead of "
              + use.version().externalKeyVersionId()
              + ".";
      throw new EkmUnavailable.MalformedAnswer(answered, answered, null);
    }
    KmsCiphertext out =
        new KmsCiphertext(use.version().id(), sealed.iv(), sealed.tag(), sealed.ciphertext());
    return new Encrypted(out.encode(), keyId, use.version().id());
  }

  /** Everything one crypto call needs, after the caller and every state were checked. */
  private record Use(Key key, KeyVersion version, ExternalVault ekm) {}

  private Use use(Caller caller, String vaultId, String keyId, String keyVersionId) {
    Validate.required("keyId", keyId);
    CryptoLookup.Found found =
        resources
            .forCrypto(keyId, keyVersionId)
            .filter(
                f ->
                    f.key().vaultId().equals(vaultId)
                        && f.key().state() != Lifecycle.DELETED
                        && f.vault().state() != Lifecycle.DELETED)
            .orElseThrow(KmsError::notFound);
    Key key = found.key();
    Vault vault = found.vault();
    Needs needs = Needs.key(Access.Need.USE, vault, key);
    found.version().ifPresent(v -> needs.resource(v.compartmentId()));
    needs.check(access, caller);
    if (key.state() != Lifecycle.ENABLED) {
      throw KmsError.INCORRECT_STATE.error("The key is " + key.state() + ".");
    }
    KeyVersion version =
        found.version().filter(v -> v.state() != Lifecycle.DELETED).orElseThrow(KmsError::notFound);
    if (version.state() != Lifecycle.ENABLED) {
      throw KmsError.INCORRECT_STATE.error("The key version is " + version.state() + ".");
    }
    if (vault.state() != Lifecycle.ACTIVE) {
      throw KmsError.INCORRECT_STATE.error("The vault is " + vault.state() + ".");
    }
    return new Use(
        key,
        version,
        externalVaults.forVault(
            vault,
            found.endpointIdentity(),
            () -> resources.endpoint(vault.privateEndpointId()),
            sealer::open));
  }

  private static byte[] aad(byte[] header, Map<String, String> associatedData) {
    try {
      return AssociatedData.build(header, associatedData);
    } catch (IllegalArgumentException e) {
      throw KmsError.INVALID_PARAMETER.error(e.getMessage());
    }
  }
}
