package io.ekms.ekm.service;

import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.core.db.Database;
import io.ekms.core.error.ApiException;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.VaultState;
import io.ekms.ekm.domain.gcp.GcpError;
import io.ekms.ekm.domain.gcp.GcpKeyStore.ExposedKey;
import io.ekms.ekm.domain.gcp.WrappedBlob;
import io.ekms.ekm.store.CryptoLookup.Found;
import io.ekms.ekm.store.XksRepository;
import java.util.function.Supplier;

/**
 * Wrap and unwrap of the Cloud EKM API: the same keys, state rules, backends and audit as the OCI
 * EKM API and XKS, in the {@link WrappedBlob} format, with failures answered as {@link GcpError}s.
 * The key's current version wraps; unwrap uses the version the blob names.
 */
public final class GcpCrypto {
  private static final String NOT_AUTHENTIC =
      "The wrapped blob is not authentic for this key and additional authenticated data.";
  private final Lookups lookups;
  private final Database db;
  private final Backends backends;
  private final AuditTrail audit;
  private final AccessPolicies policies;
  private final XksRepository versions = new XksRepository();

  public GcpCrypto(Database db, Backends backends, AuditTrail audit, AccessPolicies policies) {
    this.lookups = new Lookups(db);
    this.db = db;
    this.backends = backends;
    this.audit = audit;
    this.policies = policies;
  }

  /** Wraps {@code plaintext} under the key's current version; the blob's bytes. */
  public byte[] wrap(CallContext ctx, ExposedKey k, byte[] plaintext, byte[] aad) {
    return run(
        ctx,
        "GcpWrap",
        k,
        () -> {
          Found found = usable(find(k, null));
          Checks.usableKey(found, KeyOp.ENCRYPT);
          KeyVersion v = Checks.usableVersion(found);
          policies.check(ctx, "wrap", k.vaultId(), k.keyId(), v.id());
          GcmOutput out =
              backends
                  .get(v.handle().backend())
                  .encrypt(
                      v.handle(),
                      v.id(),
                      AesGcm.newIv(),
                      plaintext,
                      WrappedBlob.gcmAad(v.number(), aad));
          return new WrappedBlob(v.number(), out.iv(), out.ciphertext(), out.tag()).encode();
        });
  }

  /** Unwraps {@code blob} under the version it names; the plaintext (the caller wipes it). */
  public byte[] unwrap(CallContext ctx, ExposedKey k, WrappedBlob blob, byte[] aad) {
    return run(
        ctx,
        "GcpUnwrap",
        k,
        () -> {
          String versionId =
              db.withConnection(c -> versions.versionId(c, k.keyId(), blob.versionNumber()))
                  .orElseThrow(() -> GcpError.INVALID_ARGUMENT.error(NOT_AUTHENTIC));
          Found found = usable(find(k, versionId));
          Checks.usableKey(found, KeyOp.DECRYPT);
          KeyVersion v = Checks.usableVersion(found);
          policies.check(ctx, "unwrap", k.vaultId(), k.keyId(), v.id());
          try {
            return backends
                .get(v.handle().backend())
                .decrypt(
                    v.handle(),
                    v.id(),
                    blob.iv(),
                    blob.ciphertext(),
                    blob.tag(),
                    WrappedBlob.gcmAad(v.number(), aad));
          } catch (AuthenticationFailedException e) {
            throw GcpError.INVALID_ARGUMENT.error(NOT_AUTHENTIC);
          }
        });
  }

  private Found find(ExposedKey k, String versionId) {
    return lookups
        .find(k.vaultId(), k.keyId(), versionId)
        .orElseThrow(() -> GcpError.NOT_FOUND.error("The key does not exist."));
  }

  private static Found usable(Found found) {
    if (found.vault().state() != VaultState.ACTIVE) {
      throw GcpError.PERMISSION_DENIED.error("The key's vault is blocked by its owner.");
    }
    return found;
  }

  /** Runs and audits one operation, turning the EKM's errors into Google's before both. */
  private <T> T run(CallContext ctx, String op, ExposedKey k, Supplier<T> work) {
    return audit.runTranslated(ctx, op, k.vaultId(), k.keyId(), GcpCrypto::translate, work);
  }

  /**
   * The Google error for one of the EKM's; Google errors pass unchanged. Only lasting refusals
   * become PERMISSION_DENIED (Cloud KMS disables a key version on it): anything transient is
   * UNAVAILABLE.
   */
  public static ApiException translate(ApiException e) {
    if (!(e.errorCode() instanceof EkmError code)) {
      return e;
    }
    GcpError g =
        switch (code) {
          case POLICY_DENIED_ON_REASON -> GcpError.REASON_DENIED;
          case NOT_FOUND -> GcpError.NOT_FOUND;
          case KEY_DISABLED,
              KEY_VERSION_DISABLED,
              VAULT_BLOCKED,
              CLIENT_NOT_AUTHORIZED,
              OPERATION_NOT_PERMITTED,
              POLICY_DENIED ->
              GcpError.PERMISSION_DENIED;
          case DECRYPTION_FAILED, INVALID_REQUEST -> GcpError.INVALID_ARGUMENT;
          case TOO_MANY_REQUESTS -> GcpError.RESOURCE_EXHAUSTED;
          case BACKEND_UNAVAILABLE, AUDIT_UNAVAILABLE -> GcpError.UNAVAILABLE;
          default -> GcpError.INTERNAL;
        };
    ApiException out = new ApiException(g, e.getMessage(), e);
    return e.retryAfterSeconds().isPresent()
        ? out.retryAfter(e.retryAfterSeconds().getAsLong())
        : out;
  }
}
