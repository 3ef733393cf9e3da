package io.ekms.ekm.http;

import static io.ekms.core.admin.AdminRole.KEY_CUSTODIAN;
import static io.ekms.core.admin.AdminRole.SECURITY_OFFICER;

import io.ekms.core.admin.AdminAccess;
import io.ekms.core.admin.AdminErrors;
import io.ekms.core.admin.AdministratorRoutes;
import io.ekms.core.admin.RoleTable;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.RequestMetrics;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.EkmError;
import java.util.Set;

/**
 * Who may run each operation of the EKM's admin API and console (docs/operations.md): security
 * officers own policies, issuers and administrators; key custodians own vaults, keys, versions and
 * key stores (the kill switch, disabling a key or blocking a vault, included); auditors read
 * everything, the audit too, and change nothing; everyone can ask who they are. Health and metrics
 * are the admin listener's open endpoints and the console's overview, which every role sees.
 */
public final class EkmRoles {

  private EkmRoles() {}

  /** The EKM's table. */
  public static final RoleTable TABLE =
      RoleTable.builder()
          .allow(
              Set.of(SECURITY_OFFICER),
              "AddIssuer",
              "UpdateIssuer",
              "RemoveIssuer",
              "PolicyCreate",
              "PolicyReplace",
              "PolicyDelete")
          .allow(
              Set.of(KEY_CUSTODIAN),
              "CreateVault",
              "DeleteVault",
              "BlockVault",
              "RebindVault",
              "UnblockVault",
              "CreateKey",
              "UpdateKey",
              "RotateKey",
              "KmsRotateKey",
              "enableKey",
              "disableKey",
              "deleteKey",
              "CancelKeyDeletion",
              "enableKeyVersion",
              "disableKeyVersion",
              "destroyKeyVersion",
              "XksCreateKeyStore",
              "XksUpdateKeyStore",
              "XksDeleteKeyStore",
              "XksAddCredential",
              "XksRemoveCredential",
              "XksPutKey",
              "XksRemoveKey",
              "GcpCreateKeyStore",
              "GcpSetDeniedReasons",
              "GcpAddServiceAccount",
              "GcpRemoveServiceAccount",
              "GcpPutKey",
              "GcpRemoveKey")
          .allow(
              RoleTable.READERS,
              "ListIssuers",
              "ListVaults",
              "GetVault",
              "ListKeys",
              "GetKey",
              "ListKeyVersions",
              "PolicyList",
              "PolicyGet",
              "XksListKeyStores",
              "GcpListKeyStores")
          .common()
          .build();

  /** {@code /admin/v1/administrators} and {@code /admin/v1/whoami} of the EKM. */
  public static AdministratorRoutes administratorRoutes(
      AdminAccess access, AuditTrail audit, Refusals refusals, RequestMetrics metrics) {
    return new AdministratorRoutes(access, audit.core(), ErrorMapper.TABLE, refusals, metrics);
  }

  /** The EKM's answers to the administrators' directory refusals. */
  public static final AdminErrors ERRORS =
      new AdminErrors(
          EkmError.ADMIN_UNAUTHORIZED,
          EkmError.ADMIN_ROLE_REQUIRED,
          EkmError.INVALID_REQUEST,
          EkmError.NOT_FOUND,
          EkmError.CONFLICT,
          EkmError.AUDIT_UNAVAILABLE);
}
