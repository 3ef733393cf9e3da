package io.ekms.core.admin;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A named administrator of an admin API, as stored: never its token, only who it is, its roles and
 * who created it. The bootstrap credential is represented by {@link #BOOTSTRAP}, which holds no
 * role.
 */
public record Administrator(
    String id, String name, Set<AdminRole> roles, Instant createdAt, String createdBy) {
  /** The bootstrap token's caller: it may only create the first security officer. */
  public static final Administrator BOOTSTRAP =
      new Administrator("bootstrap", "bootstrap", Set.of(), Instant.EPOCH, "init");

  public Administrator {
    Objects.requireNonNull(id);
    Objects.requireNonNull(name);
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  public boolean bootstrap() {
    return this == BOOTSTRAP;
  }

  public boolean holds(AdminRole role) {
    return roles.contains(role);
  }

  /** How audit records name this administrator's calls. */
  public String caller() {
    return bootstrap() ? "admin-bootstrap" : "admin:" + name;
  }
}
