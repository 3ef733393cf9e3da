package io.ekms.kms.http;

import static io.ekms.core.admin.AdminRole.SECURITY_OFFICER;

import io.ekms.core.admin.AdminAccess;
import io.ekms.core.admin.AdminErrors;
import io.ekms.core.admin.AdministratorRoutes;
import io.ekms.core.admin.RoleTable;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.RequestMetrics;
import io.ekms.kms.service.KmsAudit;
import io.ekms.kms.service.KmsError;
import java.util.Set;

/**
 * Who may run each operation of the KMS's admin API (docs/operations.md). The KMS's admin API
 * manages who may call the KMS (users, their API keys, their grants), which is the security
 * officers' business; everyone else reads, auditors and officers the audit too. Tenants' vaults and
 * keys are managed through the KMS API itself, under their own signed requests.
 */
public final class KmsRoles {

  private KmsRoles() {}

  /** The KMS's table. */
  public static final RoleTable TABLE =
      RoleTable.builder()
          .allow(
              Set.of(SECURITY_OFFICER),
              "CreateUser",
              "AddApiKey",
              "RemoveApiKey",
              "Grant",
              "Revoke")
          .allow(RoleTable.READERS, "ListUsers", "GetUser", "ListApiKeys", "ListGrants")
          .common()
          .build();

  /** {@code /admin/v1/administrators} and {@code /admin/v1/whoami} of the KMS. */
  public static AdministratorRoutes administratorRoutes(
      AdminAccess access, KmsAudit audit, Refusals refusals, RequestMetrics metrics) {
    return new AdministratorRoutes(access, audit.core(), KmsErrorMapper.TABLE, refusals, metrics);
  }

  /** The KMS's answers to the administrators' directory refusals. */
  public static final AdminErrors ERRORS =
      new AdminErrors(
          KmsError.NOT_AUTHENTICATED,
          KmsError.ADMIN_ROLE_REQUIRED,
          KmsError.INVALID_PARAMETER,
          KmsError.NOT_AUTHORIZED_OR_NOT_FOUND,
          KmsError.CONFLICT,
          KmsError.AUDIT_UNAVAILABLE);
}
