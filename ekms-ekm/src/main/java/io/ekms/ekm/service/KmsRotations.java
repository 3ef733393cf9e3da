package io.ekms.ekm.service;

import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.KmsRotation;
import io.ekms.ekm.service.AuditTrail.Target;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rotations a KMS asks for through the EKM API's rotate extension (docs/protocols/ekm-api.md),
 * gated by the key's {@code kmsRotation}: DENY (the default) refuses with 403 RotationDenied, ALLOW
 * rotates at once, QUORUM files the request with {@link RotationApprovals} and answers its id. The
 * caller is checked as for Encrypt (the vault's client, an active vault, the rate budget), the key
 * must be ACTIVE and the key-access policies must allow {@code rotateKey}. Every outcome is audited
 * as RotateKey.
 */
public final class KmsRotations {
  private static final Pattern PENDING_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private final CryptoService crypto;
  private final Rotator rotator;
  private final AuditTrail audit;
  private final AccessPolicies policies;
  private final RotationApprovals approvals;

  public KmsRotations(
      CryptoService crypto,
      io.ekms.core.db.Database db,
      Backends backends,
      AuditTrail audit,
      AccessPolicies policies,
      RotationApprovals approvals,
      java.time.Clock clock) {
    this.crypto = crypto;
    this.rotator = new Rotator(db, backends, clock);
    this.audit = audit;
    this.policies = policies;
    this.approvals = approvals;
  }

  /** What came of a request: a new current version, or a request waiting for approval. */
  public sealed interface Outcome {
    record Rotated(KeyVersion version) implements Outcome {}

    record Pending(String pendingRequestId) implements Outcome {}
  }

  public Outcome rotate(CallContext ctx, String vaultId, String keyId) {
    return audit.run(
        ctx,
        "RotateKey",
        new Target(vaultId, keyId, null),
        o -> new Target(vaultId, keyId, o instanceof Outcome.Rotated r ? r.version().id() : null),
        () -> {
          Key key = Checks.existingKey(crypto.authorizedKey(ctx, vaultId, keyId));
          if (key.state() != KeyState.ACTIVE) {
            throw EkmError.KEY_DISABLED.error("The key is disabled.");
          }
          policies.check(ctx, "rotateKey", vaultId, keyId, null);
          ctx.mark().note(Map.of("kmsRotation", key.kmsRotation().name()));
          return switch (key.kmsRotation()) {
            case DENY -> throw denied();
            case ALLOW ->
                new Outcome.Rotated(
                    rotator.rotate(
                        vaultId, keyId, (c, locked) -> still(locked, KmsRotation.ALLOW)));
            case QUORUM -> {
              String id =
                  approvals.submit(
                      new RotationApprovals.Request(
                          ctx.requestId(), vaultId, keyId, ctx.clientId(), ctx.issuer()));
              if (id == null || !PENDING_ID.matcher(id).matches()) {
                throw new IllegalStateException("the quorum answered a malformed request id");
              }
              ctx.mark().note(Map.of("pendingRequestId", id));
              yield new Outcome.Pending(id);
            }
          };
        });
  }

  /**
   * Rotates a key whose QUORUM request {@code pendingRequestId} was approved: audited as RotateKey
   * under {@code ctx} (the approver's) with the request's id. The key must still exist, be ACTIVE
   * and ask for a quorum, else 404 NotFound, 403 KeyDisabled or 403 RotationDenied.
   */
  public KeyVersion rotateApproved(
      CallContext ctx, String vaultId, String keyId, String pendingRequestId) {
    return audit.run(
        ctx,
        "RotateKey",
        new Target(vaultId, keyId, null),
        v -> new Target(vaultId, keyId, v.id()),
        () -> {
          ctx.mark().note(Map.of("pendingRequestId", pendingRequestId));
          return rotator.rotate(vaultId, keyId, (c, locked) -> still(locked, KmsRotation.QUORUM));
        });
  }

  /** The locked key still lets this rotation happen (an admin may have changed it meanwhile). */
  private static void still(Key locked, KmsRotation wanted) {
    if (locked.state() != KeyState.ACTIVE) {
      throw EkmError.KEY_DISABLED.error("The key is disabled.");
    }
    if (locked.kmsRotation() != wanted) {
      throw denied();
    }
  }

  private static io.ekms.core.error.ApiException denied() {
    return EkmError.ROTATION_DENIED.error(
        "The key's kmsRotation setting does not let a KMS rotate it; an EKM admin may rotate it,"
            + " or change the setting (ekms ekm key update --kms-rotation allow|quorum).");
  }
}
