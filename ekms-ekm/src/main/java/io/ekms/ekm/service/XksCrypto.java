package io.ekms.ekm.service;

import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.core.db.Database;
import io.ekms.core.error.ApiException;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.VaultState;
import io.ekms.ekm.domain.xks.XksError;
import io.ekms.ekm.domain.xks.XksKeyStore.ExposedKey;
import io.ekms.ekm.store.CryptoLookup.Found;
import io.ekms.ekm.store.XksRepository;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The EKM side of the XKS operations: the same keys, state rules, backends and audit as the OCI EKM
 * API, with failures answered in XKS's error names. Key-store usage rules and the XKS wire format
 * (AAD construction, ciphertext metadata, CDIV) are the caller's; this class sees final AAD.
 */
public final class XksCrypto {
  private final Lookups lookups;
  private final Database db;
  private final Backends backends;
  private final AuditTrail audit;
  private final AccessPolicies policies;
  private final XksRepository repo = new XksRepository();

  public XksCrypto(Database db, Backends backends, AuditTrail audit, AccessPolicies policies) {
    this.lookups = new Lookups(db);
    this.db = db;
    this.backends = backends;
    this.audit = audit;
    this.policies = policies;
  }

  /** A key's state as XKS sees it: enabled only when the key is enabled and its vault active. */
  public boolean enabled(CallContext ctx, ExposedKey k) {
    return run(
        ctx,
        "XksGetKeyMetadata",
        k,
        () -> {
          Found found = find(k, null);
          Key key = Checks.existingKey(found);
          policies.check(ctx, "getKeyMetadata", k.vaultId(), k.keyId(), null);
          return key.state() == KeyState.ACTIVE && found.vault().state() == VaultState.ACTIVE;
        });
  }

  /** The GCM output under the key's current version, and that version's number. */
  public record Encrypted(GcmOutput output, int versionNumber) {}

  /**
   * Encrypts under the key's current version; {@code aadFor} makes the AAD from that version's
   * number, which XKS ciphertext metadata carries.
   */
  public Encrypted encrypt(
      CallContext ctx, ExposedKey k, byte[] plaintext, IntFunction<byte[]> aadFor) {
    return run(
        ctx,
        "XksEncrypt",
        k,
        () -> {
          Found found = usable(find(k, null));
          Checks.usableKey(found, KeyOp.ENCRYPT);
          KeyVersion v = Checks.usableVersion(found);
          policies.check(ctx, "encrypt", k.vaultId(), k.keyId(), v.id());
          GcmOutput out =
              backends
                  .get(v.handle().backend())
                  .encrypt(v.handle(), v.id(), AesGcm.newIv(), plaintext, aadFor.apply(v.number()));
          return new Encrypted(out, v.number());
        });
  }

  /** Decrypts under version {@code versionNumber}, or the current version when null. */
  public byte[] decrypt(
      CallContext ctx, ExposedKey k, Integer versionNumber, GcmOutput in, byte[] aad) {
    return run(
        ctx,
        "XksDecrypt",
        k,
        () -> {
          String versionId = null;
          if (versionNumber != null) {
            versionId =
                db.withConnection(c -> repo.versionId(c, k.keyId(), versionNumber))
                    .orElseThrow(() -> XksError.INVALID_CIPHERTEXT.error(MESSAGE));
          }
          Found found = usable(find(k, versionId));
          Checks.usableKey(found, KeyOp.DECRYPT);
          KeyVersion v = Checks.usableVersion(found);
          policies.check(ctx, "decrypt", k.vaultId(), k.keyId(), v.id());
          try {
            return backends
                .get(v.handle().backend())
                .decrypt(v.handle(), v.id(), in.iv(), in.ciphertext(), in.tag(), aad);
          } catch (AuthenticationFailedException e) {
            throw XksError.INVALID_CIPHERTEXT.error(MESSAGE);
          }
        });
  }

  private static final String MESSAGE = AuthenticationFailedException.MESSAGE;

  private Found find(ExposedKey k, String versionId) {
    return lookups
        .find(k.vaultId(), k.keyId(), versionId)
        .orElseThrow(() -> XksError.KEY_NOT_FOUND.error("The key does not exist."));
  }

  private static Found usable(Found found) {
    if (found.vault().state() != VaultState.ACTIVE) {
      throw XksError.ACCESS_DENIED.error("The key's vault is blocked by its owner.");
    }
    return found;
  }

  /** Runs and audits one operation, turning the EKM's errors into XKS's before both. */
  private <T> T run(CallContext ctx, String op, ExposedKey k, Supplier<T> work) {
    return audit.runTranslated(ctx, op, k.vaultId(), k.keyId(), XksCrypto::translate, work);
  }

  /** The XKS error for one of the EKM's; XKS errors pass unchanged. */
  public static ApiException translate(ApiException e) {
    if (!(e.errorCode() instanceof EkmError code)) {
      return e;
    }
    XksError x =
        switch (code) {
          case NOT_FOUND -> XksError.KEY_NOT_FOUND;
          case KEY_DISABLED, KEY_VERSION_DISABLED -> XksError.INVALID_STATE;
          case VAULT_BLOCKED, CLIENT_NOT_AUTHORIZED, POLICY_DENIED, POLICY_DENIED_ON_REASON ->
              XksError.ACCESS_DENIED;
          case OPERATION_NOT_PERMITTED -> XksError.INVALID_KEY_USAGE;
          case DECRYPTION_FAILED -> XksError.INVALID_CIPHERTEXT;
          case INVALID_REQUEST -> XksError.VALIDATION;
          case TOO_MANY_REQUESTS -> XksError.THROTTLING;
          case BACKEND_UNAVAILABLE, AUDIT_UNAVAILABLE -> XksError.DEPENDENCY_TIMEOUT;
          default -> XksError.INTERNAL;
        };
    return new ApiException(x, e.getMessage(), e);
  }
}
