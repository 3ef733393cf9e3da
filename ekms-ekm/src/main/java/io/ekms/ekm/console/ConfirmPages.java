package io.ekms.ekm.console;

import io.ekms.core.http.RequestId;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.EkmError;
import io.helidon.webserver.http.HttpRouting;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Confirm, then do: {@code GET /console/confirm/{action}} names what will stop working; its form
 * posts to {@code /console/do/{action}}, which does it and shows the object with the result.
 */
final class ConfirmPages extends PageGroup {

  ConfirmPages(ConsoleGate gate, ConsoleServices services) {
    super(gate, services);
  }

  @Override
  void routing(HttpRouting.Builder r) {
    r.get(
        "/console/confirm/{action}",
        gate.page(
            (req, res, s) -> {
              KeyActions action = action(req.path().pathParameters().get("action"));
              CallContext ctx = s.context(RequestId.generate());
              String vaultId = Forms.id(Forms.query(req, "vault"), "vault");
              Vault vault = services.vaults().getVault(ctx, vaultId);
              Key key = null;
              String versionId = null;
              Map<String, String> hidden = new LinkedHashMap<>();
              hidden.put("vault", vaultId);
              String cancel = "/console/vaults/" + vaultId;
              if (!action.onVault()) {
                key = services.keys().get(ctx, vaultId, Forms.id(Forms.query(req, "key"), "key"));
                hidden.put("key", key.id());
                cancel += "/keys/" + key.id();
              }
              if (action.onVersion()) {
                versionId = Forms.id(Forms.query(req, "version"), "version");
                hidden.put("version", versionId);
              }
              int keysInVault = action.onVault() ? services.keys().list(ctx, vaultId).size() : 0;
              hidden.put("back", cancel);
              String subject =
                  key == null ? "vault '" + vault.name() + "'" : "key '" + key.name() + "'";
              ConsoleHttp.render(
                  res,
                  200,
                  "confirm.jte",
                  new Views.ConfirmView(
                      Chrome.of(action.verb + "?", "vaults", s),
                      "/console/do/" + action.slug,
                      action.verb + " — " + subject,
                      action.consequences(vault, key, keysInVault, versionId),
                      action.typeName ? key.name() : null,
                      hidden,
                      action.danger,
                      cancel));
            }));
    r.post(
        "/console/do/{action}",
        gate.action(
            "ConsoleAction",
            (form, s, requestId, req, res) -> {
              KeyActions action = action(req.path().pathParameters().get("action"));
              gate.guard(s, action.operation);
              CallContext ctx = s.context(requestId);
              String vaultId = Forms.id(Forms.text(form, "vault"), "vault");
              String keyId = action.onVault() ? null : Forms.id(Forms.text(form, "key"), "key");
              String versionId =
                  action.onVersion() ? Forms.id(Forms.text(form, "version"), "version") : null;
              if (action.typeName) {
                Key key = services.keys().get(ctx, vaultId, keyId);
                if (!key.name().equals(form.first("confirmName").orElse(""))) {
                  throw EkmError.INVALID_REQUEST.error(
                      "Type the key's name exactly to confirm; nothing was changed.");
                }
              }
              action.run(services, ctx, vaultId, keyId, versionId);
              String at = "/console/vaults/" + vaultId + (keyId == null ? "" : "/keys/" + keyId);
              ConsoleHttp.redirect(res, Notices.link(at, action.done, requestId));
            }));
  }

  private static KeyActions action(String slug) {
    KeyActions action = KeyActions.of(slug);
    if (action == null) {
      throw EkmError.NOT_FOUND.error("The console has no such action.");
    }
    return action;
  }
}
