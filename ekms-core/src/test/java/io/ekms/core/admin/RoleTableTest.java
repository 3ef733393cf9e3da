package io.ekms.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may run what: the common decisions, the bootstrap token's one operation, unknown names. */
class RoleTableTest {
  private final RoleTable table =
      RoleTable.builder().allow(Set.of(AdminRole.KEY_CUSTODIAN), "disableKey").common().build();

  private static Administrator holding(AdminRole... roles) {
    return new Administrator(
        "adm1", "alice", EnumSet.copyOf(Set.of(roles)), Instant.EPOCH, "admin-bootstrap");
  }

  @Test
  void allows_commonDecisions_matchTheirRoles() {
    Administrator auditor = holding(AdminRole.AUDITOR);
    Administrator operator = holding(AdminRole.OPERATOR);
    Administrator officer = holding(AdminRole.SECURITY_OFFICER);

    assertThat(table.allows(auditor, "ReadAudit")).isTrue();
    assertThat(table.allows(auditor, "disableKey")).isFalse();
    assertThat(table.allows(auditor, "ApproveRequest")).isFalse();
    assertThat(table.allows(operator, "WhoAmI")).isTrue();
    assertThat(table.allows(operator, "ListAdministrators")).isFalse();
    assertThat(table.allows(officer, RoleTable.CREATE_ADMINISTRATOR)).isTrue();
    assertThat(table.allows(holding(AdminRole.KEY_CUSTODIAN), "disableKey")).isTrue();
  }

  @Test
  void allows_bootstrap_onlyCreatesAnAdministrator() {
    assertThat(table.allows(Administrator.BOOTSTRAP, RoleTable.CREATE_ADMINISTRATOR)).isTrue();
    assertThat(table.allows(Administrator.BOOTSTRAP, "WhoAmI")).isFalse();
    assertThat(table.refusal(Administrator.BOOTSTRAP, "WhoAmI"))
        .contains("only create the first security officer");
  }

  @Test
  void knows_unknownOperation_isRunByNobody() {
    Administrator everything = holding(AdminRole.values());

    assertThat(table.knows("DropEverything")).isFalse();
    assertThat(table.allows(everything, "DropEverything")).isFalse();
  }

  @Test
  void builder_operationNamedTwice_isRefused() {
    assertThatThrownBy(
            () -> RoleTable.builder().allow(Set.of(AdminRole.AUDITOR), "WhoAmI").common())
        .hasMessageContaining("named twice: WhoAmI");
  }

  @Test
  void refusal_namesTheRolesAndTheAdministrator() {
    assertThat(table.refusal(holding(AdminRole.AUDITOR), "disableKey"))
        .isEqualTo("disableKey needs the role key-custodian; 'alice' does not hold it.");
  }
}
