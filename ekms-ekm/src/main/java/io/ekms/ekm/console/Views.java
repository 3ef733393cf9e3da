package io.ekms.ekm.console;

import io.ekms.core.audit.AuditEntry;
import io.ekms.ekm.domain.Issuer;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.domain.policy.Policy;
import io.ekms.ekm.domain.xks.XksKeyStore;
import java.util.List;
import java.util.Map;

/** The models the console's templates render, one record per page. */
public final class Views {
  private Views() {}

  public record ErrorView(
      Chrome chrome, String code, String message, String requestId, String back) {}

  public record HealthRow(String name, boolean up) {}

  public record OverviewView(Chrome chrome, List<HealthRow> health, List<AuditEntry> refusals) {}

  /** One page of a list: its number (from 1), how many there are, and the links around it. */
  public record Paging(int page, int pages, int total, String previous, String next) {}

  public record VaultsView(
      Chrome chrome, List<Vault> vaults, String query, Paging paging, List<Issuer> issuers) {}

  public record VaultView(
      Chrome chrome, Vault vault, List<Key> keys, String query, Paging paging) {}

  /** Where a key can be reached from: the protocol, the key store and the id it goes by there. */
  public record Exposure(String protocol, String store, String externalId) {}

  public record KeyView(
      Chrome chrome, Vault vault, Key key, List<KeyVersion> versions, List<Exposure> exposures) {}

  /**
   * An action awaiting confirmation: the form posts {@code hidden} to {@code action}; {@code
   * consequences} name what stops working; {@code typeToConfirm}, when set, must be typed first.
   */
  public record ConfirmView(
      Chrome chrome,
      String action,
      String verb,
      List<String> consequences,
      String typeToConfirm,
      Map<String, String> hidden,
      boolean danger,
      String cancel) {}

  public record IssuersView(Chrome chrome, List<Issuer> issuers) {}

  /** Calls held for approval, newest first; {@code approvals} 0 when no quorum is configured. */
  public record RequestsView(
      Chrome chrome, int approvals, List<io.ekms.core.admin.HeldRequestView> requests) {}

  /** A credential's secret, shown once right after it was made. */
  public record NewSecret(String storeName, String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "NewSecret[" + storeName + ", " + accessKeyId + ", secret REDACTED]";
    }
  }

  public record XksView(Chrome chrome, List<XksKeyStore> stores, NewSecret secret) {
    XksView withNotice(String notice) {
      return new XksView(chrome.withNotice(notice), stores, secret);
    }
  }

  /** The audit page's filters as given (null when absent). */
  public record AuditFilter(
      String requestId, String operation, String result, String caller, long before) {}

  /** The last verification of the audit chains on this node, or null when none ran yet. */
  public record Verification(String at, boolean ok, String summary) {}

  public record AuditView(
      Chrome chrome,
      AuditFilter filter,
      List<AuditEntry> entries,
      String older,
      long lastSeq,
      Verification verification) {}

  public record PoliciesView(Chrome chrome, List<Policy> policies, Policy editing) {}
}
