package io.ekms.ekm.service;

import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.CryptoLookup.Found;

/**
 * The six operations of the EKM API (docs/protocols/ekm-api.md). Each one checks, in order: the
 * vault exists, the caller is the vault's client, the vault is active, the vault's rate budget has
 * room, the key and version exist and allow the operation; then it runs in the key's backend and is
 * audited before it returns.
 */
public final class CryptoService {
  private final Lookups lookups;
  private final Backends backends;
  private final AuditTrail audit;
  private final RateLimiter limiter;
  private final AccessPolicies policies;

  public CryptoService(
      Lookups lookups,
      Backends backends,
      AuditTrail audit,
      RateLimiter limiter,
      AccessPolicies policies) {
    this.lookups = lookups;
    this.backends = backends;
    this.audit = audit;
    this.limiter = limiter;
    this.policies = policies;
  }

  /** The answer of Encrypt: the GCM output and which version made it. */
  public record Encrypted(GcmOutput output, String keyId, String keyVersionId) {}

  /** The answer of Decrypt. */
  public record Decrypted(byte[] plaintext, String keyId, String keyVersionId) {}

  public Vault vaultMetadata(CallContext ctx, String vaultId) {
    return audit.run(
        ctx,
        "GetVaultMetadata",
        new Target(vaultId, null, null),
        null,
        () -> {
          Vault vault = authorize(ctx, lookups.find(vaultId, null, null)).vault();
          policies.check(ctx, "getVaultMetadata", vaultId, null, null);
          return vault;
        });
  }

  public Key keyMetadata(CallContext ctx, String vaultId, String keyId) {
    return audit.run(
        ctx,
        "GetKeyMetadata",
        new Target(vaultId, keyId, null),
        null,
        () -> {
          Key key = Checks.existingKey(authorize(ctx, lookups.find(vaultId, keyId, null)));
          policies.check(ctx, "getKeyMetadata", vaultId, keyId, null);
          return key;
        });
  }

  /** A version with its key, whose operations the version inherits. */
  public record VersionInfo(Key key, KeyVersion version) {}

  public VersionInfo keyVersionMetadata(
      CallContext ctx, String vaultId, String keyId, String versionId) {
    return audit.run(
        ctx,
        "GetKeyVersionMetadata",
        new Target(vaultId, keyId, versionId),
        null,
        () -> {
          Found found = authorize(ctx, lookups.find(vaultId, keyId, versionId));
          VersionInfo info =
              new VersionInfo(Checks.existingKey(found), Checks.existingVersion(found));
          policies.check(ctx, "getKeyVersionMetadata", vaultId, keyId, info.version().id());
          return info;
        });
  }

  public Encrypted encrypt(
      CallContext ctx,
      String vaultId,
      String keyId,
      String versionId,
      byte[] plaintext,
      byte[] aad) {
    return audit.run(
        ctx,
        "Encrypt",
        new Target(vaultId, keyId, versionId),
        e -> new Target(vaultId, keyId, e.keyVersionId()),
        () -> {
          Found found = authorize(ctx, lookups.find(vaultId, keyId, versionId));
          Key key = Checks.usableKey(found, KeyOp.ENCRYPT);
          KeyVersion version = Checks.usableVersion(found);
          policies.check(ctx, "encrypt", vaultId, key.id(), version.id());
          GcmOutput out =
              backends
                  .get(version.handle().backend())
                  .encrypt(version.handle(), version.id(), AesGcm.newIv(), plaintext, aad);
          return new Encrypted(out, key.id(), version.id());
        });
  }

  public Decrypted decrypt(
      CallContext ctx,
      String vaultId,
      String keyId,
      String versionId,
      byte[] ciphertext,
      byte[] iv,
      byte[] tag,
      byte[] aad) {
    return audit.run(
        ctx,
        "Decrypt",
        new Target(vaultId, keyId, versionId),
        null,
        () -> {
          Found found = authorize(ctx, lookups.find(vaultId, keyId, versionId));
          Key key = Checks.usableKey(found, KeyOp.DECRYPT);
          KeyVersion version = Checks.usableVersion(found);
          policies.check(ctx, "decrypt", vaultId, key.id(), version.id());
          try {
            byte[] plaintext =
                backends
                    .get(version.handle().backend())
                    .decrypt(version.handle(), version.id(), iv, ciphertext, tag, aad);
            return new Decrypted(plaintext, key.id(), version.id());
          } catch (AuthenticationFailedException e) {
            throw EkmError.DECRYPTION_FAILED.error(AuthenticationFailedException.MESSAGE);
          }
        });
  }

  public byte[] randomBytes(CallContext ctx, String vaultId, int length) {
    return audit.run(
        ctx,
        "GenerateRandomBytes",
        new Target(vaultId, null, null),
        null,
        () -> {
          authorize(ctx, lookups.find(vaultId, null, null));
          policies.check(ctx, "generateRandomBytes", vaultId, null, null);
          return Randoms.bytes(length);
        });
  }

  /** The vault and key (not its version) of a call, authorized as {@link #authorize} says. */
  Found authorizedKey(CallContext ctx, String vaultId, String keyId) {
    return authorize(ctx, lookups.find(vaultId, keyId, null));
  }

  /**
   * The vault exists, belongs to the caller's client and issuer, and is not blocked; then the call
   * is taken from the vault's rate budget. Only the vault's own client can spend that budget.
   */
  private Found authorize(CallContext ctx, java.util.Optional<Found> found) {
    Found f = found.orElseThrow(() -> EkmError.NOT_FOUND.error("The vault does not exist."));
    boolean sameClient =
        f.vault().clientId().equals(ctx.clientId()) && f.issuer().equals(ctx.issuer());
    if (!sameClient) {
      throw EkmError.CLIENT_NOT_AUTHORIZED.error(
          "The token's client is not the client bound to this vault.");
    }
    if (f.vault().state() != io.ekms.ekm.domain.VaultState.ACTIVE) {
      throw EkmError.VAULT_BLOCKED.error("The vault is blocked by its owner.");
    }
    limiter.acquire(f.vault().id());
    return f;
  }
}
