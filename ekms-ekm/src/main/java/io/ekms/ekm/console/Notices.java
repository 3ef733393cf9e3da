package io.ekms.ekm.console;

import io.ekms.core.http.RequestId;
import io.helidon.webserver.http.ServerRequest;
import java.util.Map;

/**
 * What a page says after an action redirected to it: a fixed sentence chosen by {@code done} in the
 * query (never text from the URL itself) and the action's request id, under which the audit log
 * holds its record.
 */
final class Notices {
  private static final Map<String, String> SAID =
      Map.ofEntries(
          Map.entry("vault-created", "Vault created."),
          Map.entry("request-approved", "Approved: it waits for more approvals."),
          Map.entry("request-executed", "Approved, and it ran: the last approval it needed."),
          Map.entry("request-failed", "Approved, and it ran, but was refused: its row says why."),
          Map.entry("request-rejected", "Rejected: it will never run."),
          Map.entry("vault-blocked", "Vault blocked: every key in it is refused from now on."),
          Map.entry("vault-unblocked", "Vault unblocked: its keys answer again."),
          Map.entry("key-created", "Key created."),
          Map.entry("key-disabled", "Key disabled: every call with it is refused from now on."),
          Map.entry("key-enabled", "Key enabled: it answers again."),
          Map.entry("key-rotated", "Key rotated: new encryptions use the new version."),
          Map.entry("key-deleted", "Key deleted: its versions are destroyed."),
          Map.entry("version-disabled", "Key version disabled."),
          Map.entry("version-enabled", "Key version enabled."),
          Map.entry("version-destroyed", "Key version destroyed."),
          Map.entry("issuer-added", "Issuer added."),
          Map.entry("issuer-removed", "Issuer removed."),
          Map.entry("store-created", "XKS key store created."),
          Map.entry("store-deleted", "XKS key store deleted."),
          Map.entry("credential-removed", "Credential removed: it no longer signs requests."),
          Map.entry("policy-saved", "Policy saved."),
          Map.entry("policy-deleted", "Policy deleted."));

  private Notices() {}

  /** {@code path} with the notice {@code done} and the request id to show there. */
  static String link(String path, String done, String requestId) {
    if (!SAID.containsKey(done)) {
      throw new IllegalArgumentException("no notice " + done);
    }
    return path + (path.contains("?") ? "&" : "?") + "done=" + done + "&rid=" + requestId;
  }

  /** The notice the request's query asks for, or null. */
  static String of(ServerRequest req) {
    String said = req.query().first("done").map(SAID::get).orElse(null);
    if (said == null) {
      return null;
    }
    String rid = req.query().first("rid").filter(RequestId::isValid).orElse(null);
    return rid == null ? said : said + " Request id " + rid + ".";
  }
}
