package io.ekms.core.admin;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a named administrator may do. An administrator holds one or more roles; each admin operation
 * names the roles that may run it ({@link RoleTable}).
 */
public enum AdminRole {
  /** Policies, trusted issuers, administrators. */
  SECURITY_OFFICER("security-officer"),
  /** Keys, versions, vaults, key stores. */
  KEY_CUSTODIAN("key-custodian"),
  /** Reads everything, the audit included; changes nothing. */
  AUDITOR("auditor"),
  /** Health and metrics. */
  OPERATOR("operator");

  private final String wireName;

  AdminRole(String wireName) {
    this.wireName = wireName;
  }

  /** The role's name in requests, answers, the CLI and the database. */
  public String wireName() {
    return wireName;
  }

  /** The role named {@code name}, if any. */
  public static Optional<AdminRole> named(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
  }
}
