package io.ekms.ekm.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A key of a vault: AES of 128, 192 or 256 bits, its allowed operations and current version, and
 * its rotation settings: whether a KMS may ask for a rotation ({@code kmsRotation}, DENY unless
 * set) and the crypto period after which the EKM rotates it by itself ({@code rotationPeriodDays},
 * 1 to 3650 or null; {@code nextRotationAt} is when that is due).
 */
public record Key(
    String id,
    String vaultId,
    String name,
    int lengthBits,
    KeyState state,
    Set<KeyOp> ops,
    String currentVersionId,
    String backend,
    Instant createdAt,
    Instant updatedAt,
    KmsRotation kmsRotation,
    Integer rotationPeriodDays,
    Instant nextRotationAt) {
  public static final String ALGORITHM = "AES";
  public static final int MAX_ROTATION_PERIOD_DAYS = 3650;

  public Key {
    Objects.requireNonNull(id);
    Objects.requireNonNull(vaultId);
    Names.check("name", name);
    if (lengthBits != 128 && lengthBits != 192 && lengthBits != 256) {
      throw new IllegalArgumentException("AES key length must be 128, 192 or 256 bits");
    }
    Objects.requireNonNull(state);
    if (ops == null || ops.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one of ENCRYPT, DECRYPT");
    }
    ops = Set.copyOf(EnumSet.copyOf(ops));
    Objects.requireNonNull(backend);
    kmsRotation = kmsRotation == null ? KmsRotation.DENY : kmsRotation;
    if (rotationPeriodDays != null
        && (rotationPeriodDays < 1 || rotationPeriodDays > MAX_ROTATION_PERIOD_DAYS)) {
      throw new IllegalArgumentException("rotationPeriodDays must be 1 to 3650");
    }
    if (rotationPeriodDays == null) {
      nextRotationAt = null;
    }
  }

  /** A key with the default rotation settings: KMS rotation denied, no crypto period. */
  public Key(
      String id,
      String vaultId,
      String name,
      int lengthBits,
      KeyState state,
      Set<KeyOp> ops,
      String currentVersionId,
      String backend,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        vaultId,
        name,
        lengthBits,
        state,
        ops,
        currentVersionId,
        backend,
        createdAt,
        updatedAt,
        KmsRotation.DENY,
        null,
        null);
  }

  public boolean allows(KeyOp op) {
    return ops.contains(op);
  }

  public Key withState(KeyState next, Instant now) {
    return new Key(
        id,
        vaultId,
        name,
        lengthBits,
        next,
        ops,
        currentVersionId,
        backend,
        createdAt,
        now,
        kmsRotation,
        rotationPeriodDays,
        nextRotationAt);
  }

  /** The same key allowing {@code next} (at least one operation, as a new key). */
  public Key withOps(Set<KeyOp> next, Instant now) {
    return new Key(
        id,
        vaultId,
        name,
        lengthBits,
        state,
        next,
        currentVersionId,
        backend,
        createdAt,
        now,
        kmsRotation,
        rotationPeriodDays,
        nextRotationAt);
  }

  /**
   * The key after a rotation at {@code now} to {@code versionId}: a crypto period starts again, so
   * the next periodic rotation is {@code rotationPeriodDays} after this one.
   */
  public Key withCurrentVersion(String versionId, Instant now) {
    return new Key(
        id,
        vaultId,
        name,
        lengthBits,
        state,
        ops,
        versionId,
        backend,
        createdAt,
        now,
        kmsRotation,
        rotationPeriodDays,
        periodFrom(rotationPeriodDays, now));
  }

  /**
   * The same key with other rotation settings; a changed crypto period counts from {@code now}
   * (null: none).
   */
  public Key withRotation(KmsRotation kms, Integer periodDays, Instant now) {
    Instant next =
        Objects.equals(periodDays, rotationPeriodDays)
            ? nextRotationAt
            : periodFrom(periodDays, now);
    return new Key(
        id,
        vaultId,
        name,
        lengthBits,
        state,
        ops,
        currentVersionId,
        backend,
        createdAt,
        now,
        kms,
        periodDays,
        next);
  }

  private static Instant periodFrom(Integer days, Instant from) {
    return days == null ? null : from.plus(Duration.ofDays(days));
  }
}
