package io.ekms.kms.http;

import static io.ekms.core.admin.AdminRole.AUDITOR;
import static io.ekms.core.admin.AdminRole.KEY_CUSTODIAN;
import static io.ekms.core.admin.AdminRole.OPERATOR;
import static io.ekms.core.admin.AdminRole.SECURITY_OFFICER;

import io.ekms.core.admin.AdminAccess;
import io.ekms.core.admin.AdminErrors;
import io.ekms.core.admin.AdminRole;
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
  private static final Set<AdminRole> READERS = Set.of(SECURITY_OFFICER, KEY_CUSTODIAN, AUDITOR);

  private KmsRoles() {}

  /** The KMS's table. */
  public static final RoleTable TABLE =
      RoleTable.builder()
          .allow(
              Set.of(SECURITY_OFFICER),
              RoleTable.CREATE_ADMINISTRATOR,
              "RemoveAdministrator",
              "RotateAdministratorToken",
              "CreateUser",
              "AddApiKey",
              "RemoveApiKey",
              "Grant",
              "Revoke")
          .allow(Set.of(SECURITY_OFFICER, KEY_CUSTODIAN), "ApproveRequest", "RejectRequest")
          .allow(
              READERS,
              "ListAdministrators",
              "GetAdministrator",
              "ListRequests",
              "GetRequest",
              "ListUsers",
              "GetUser",
              "ListApiKeys",
              "ListGrants")
          .allow(Set.of(SECURITY_OFFICER, AUDITOR), "ReadAudit", "VerifyAudit")
          .allow(Set.of(SECURITY_OFFICER, KEY_CUSTODIAN, AUDITOR, OPERATOR), "WhoAmI")
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
