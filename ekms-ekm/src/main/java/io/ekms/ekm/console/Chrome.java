package io.ekms.ekm.console;

import java.util.List;

/**
 * What every console page shows around its content: the title, the section the navigation marks as
 * current, the signed-in session (null on the login page), a notice and an error (either may be
 * null).
 */
public record Chrome(
    String title, String nav, ConsoleSession session, String notice, String error) {
  /** One entry of the navigation. */
  public record NavItem(String id, String label, String href) {}

  public static final List<NavItem> NAV =
      List.of(
          new NavItem("overview", "Overview", "/console/overview"),
          new NavItem("vaults", "Vaults and keys", "/console/vaults"),
          new NavItem("issuers", "Issuers", "/console/issuers"),
          new NavItem("xks", "XKS key stores", "/console/xks"),
          new NavItem("audit", "Audit", "/console/audit"),
          new NavItem("requests", "Approvals", "/console/requests"),
          new NavItem("policies", "Policies", "/console/policies"));

  public static Chrome of(String title, String nav, ConsoleSession session) {
    return new Chrome(title, nav, session, null, null);
  }

  public Chrome withNotice(String value) {
    return new Chrome(title, nav, session, value, error);
  }

  public Chrome withError(String value) {
    return new Chrome(title, nav, session, notice, value);
  }
}
