package io.ekms.ekm.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A key of a vault: AES of 128, 192 or 256 bits, its allowed operations and current version. */
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
    Instant updatedAt) {
  public static final String ALGORITHM = "AES";

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
  }

  public boolean allows(KeyOp op) {
    return ops.contains(op);
  }

  public Key withState(KeyState next, Instant now) {
    return new Key(
        id, vaultId, name, lengthBits, next, ops, currentVersionId, backend, createdAt, now);
  }

  /** The same key allowing {@code next} (at least one operation, as a new key). */
  public Key withOps(Set<KeyOp> next, Instant now) {
    return new Key(
        id, vaultId, name, lengthBits, state, next, currentVersionId, backend, createdAt, now);
  }

  public Key withCurrentVersion(String versionId, Instant now) {
    return new Key(id, vaultId, name, lengthBits, state, ops, versionId, backend, createdAt, now);
  }
}
