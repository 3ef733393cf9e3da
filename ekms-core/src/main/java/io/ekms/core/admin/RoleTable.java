package io.ekms.core.admin;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which roles may run each operation of an admin API. An operation the table does not name is run
 * by nobody: an API refuses at start-up to register a route the table does not know ({@link
 * #knows}), so a new route cannot ship without a decision.
 */
public final class RoleTable {
  /** The roles that read: every one but the operator's. */
  public static final Set<AdminRole> READERS =
      Set.of(AdminRole.SECURITY_OFFICER, AdminRole.KEY_CUSTODIAN, AdminRole.AUDITOR);

  /** The operation through which the bootstrap token creates the first security officer. */
  public static final String CREATE_ADMINISTRATOR = "CreateAdministrator";

  private final Map<String, Set<AdminRole>> allowed;

  private RoleTable(Map<String, Set<AdminRole>> allowed) {
    this.allowed = Map.copyOf(allowed);
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean knows(String operation) {
    return allowed.containsKey(operation);
  }

  /** The roles that may run {@code operation}; none when unknown. */
  public Set<AdminRole> rolesFor(String operation) {
    return allowed.getOrDefault(operation, Set.of());
  }

  /** True when {@code admin} may run {@code operation}. */
  public boolean allows(Administrator admin, String operation) {
    if (admin.bootstrap()) {
      return CREATE_ADMINISTRATOR.equals(operation);
    }
    return rolesFor(operation).stream().anyMatch(admin::holds);
  }

  /** The sentence a refused administrator reads: which roles the operation needs. */
  public String refusal(Administrator admin, String operation) {
    if (admin.bootstrap()) {
      return "The bootstrap token can only create the first security officer"
          + " (POST /admin/v1/administrators).";
    }
    String roles =
        rolesFor(operation).stream().map(AdminRole::wireName).sorted().collect(joining());
    return operation + " needs the role " + roles + "; '" + admin.name() + "' does not hold it.";
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(" or ");
  }

  /** Builds a table; each operation is named once. */
  public static final class Builder {
    private final Map<String, Set<AdminRole>> allowed = new HashMap<>();

    /** {@code operations} may be run by any of {@code roles}. */
    public Builder allow(Set<AdminRole> roles, String... operations) {
      for (String op : operations) {
        if (allowed.putIfAbsent(op, EnumSet.copyOf(roles)) != null) {
          throw new IllegalArgumentException("operation named twice: " + op);
        }
      }
      return this;
    }

    /**
     * The decisions of the routes every admin API has: administrators (security officers change
     * them), held requests (officers and custodians decide them), the audit (auditors and
     * officers), and who the caller is (everyone).
     */
    public Builder common() {
      allow(
          Set.of(AdminRole.SECURITY_OFFICER),
          CREATE_ADMINISTRATOR,
          "RemoveAdministrator",
          "RotateAdministratorToken");
      allow(
          Set.of(AdminRole.SECURITY_OFFICER, AdminRole.KEY_CUSTODIAN),
          "ApproveRequest",
          "RejectRequest");
      allow(READERS, "ListAdministrators", "GetAdministrator", "ListRequests", "GetRequest");
      allow(Set.of(AdminRole.SECURITY_OFFICER, AdminRole.AUDITOR), "ReadAudit", "VerifyAudit");
      return allow(EnumSet.allOf(AdminRole.class), "WhoAmI");
    }

    public RoleTable build() {
      return new RoleTable(allowed);
    }
  }
}
