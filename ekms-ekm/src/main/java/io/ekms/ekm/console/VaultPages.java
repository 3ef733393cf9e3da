package io.ekms.ekm.console;

import io.ekms.core.http.RequestId;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.service.EkmError;
import io.helidon.webserver.http.HttpRouting;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Vaults: the list (search, pages), a new vault, one vault with its keys and a new key. */
final class VaultPages extends PageGroup {

  VaultPages(ConsoleGate gate, ConsoleServices services) {
    super(gate, services);
  }

  @Override
  void routing(HttpRouting.Builder r) {
    r.get(
        "/console/vaults",
        gate.page(
            (req, res, s) -> {
              var ctx = s.context(RequestId.generate());
              String q = Forms.query(req, "q");
              List<Vault> all =
                  Forms.search(
                      services.vaults().listVaults(ctx).stream()
                          .sorted(Comparator.comparing(Vault::name))
                          .toList(),
                      q,
                      v -> v.name() + " " + v.id() + " " + v.clientId());
              Views.Paging[] paging = new Views.Paging[1];
              var page =
                  Forms.page(
                      all, Forms.query(req, "page"), Forms.withQuery("/console/vaults", q), paging);
              ConsoleHttp.render(
                  res,
                  200,
                  "vaults.jte",
                  new Views.VaultsView(
                      Chrome.of("Vaults and keys", "vaults", s).withNotice(Notices.of(req)),
                      page,
                      q,
                      paging[0],
                      services.issuers().listIssuers(ctx)));
            }));
    r.post(
        "/console/vaults",
        gate.action(
            "CreateVault",
            (form, s, requestId, req, res) -> {
              Vault v =
                  services
                      .vaults()
                      .createVault(
                          s.context(requestId),
                          Forms.text(form, "name"),
                          Forms.text(form, "issuerId"),
                          Forms.text(form, "clientId"));
              ConsoleHttp.redirect(
                  res, Notices.link("/console/vaults/" + v.id(), "vault-created", requestId));
            }));
    r.get(
        "/console/vaults/{vaultId}",
        gate.page(
            (req, res, s) -> {
              var ctx = s.context(RequestId.generate());
              String vaultId = Forms.pathId(req, "vaultId");
              Vault vault = services.vaults().getVault(ctx, vaultId);
              String q = Forms.query(req, "q");
              List<Key> keys =
                  Forms.search(
                      services.keys().list(ctx, vaultId).stream()
                          .sorted(Comparator.comparing(Key::name))
                          .toList(),
                      q,
                      k -> k.name() + " " + k.id());
              Views.Paging[] paging = new Views.Paging[1];
              var page =
                  Forms.page(
                      keys,
                      Forms.query(req, "page"),
                      Forms.withQuery("/console/vaults/" + vaultId, q),
                      paging);
              ConsoleHttp.render(
                  res,
                  200,
                  "vault.jte",
                  new Views.VaultView(
                      Chrome.of("Vault " + vault.name(), "vaults", s).withNotice(Notices.of(req)),
                      vault,
                      page,
                      q,
                      paging[0]));
            }));
    r.post(
        "/console/vaults/{vaultId}/keys",
        gate.action(
            "CreateKey",
            (form, s, requestId, req, res) -> {
              String vaultId = Forms.pathId(req, "vaultId");
              Key k =
                  services
                      .keys()
                      .create(
                          s.context(requestId),
                          vaultId,
                          Forms.text(form, "name"),
                          lengthBits(Forms.text(form, "lengthBits")),
                          ops(form.all("ops")),
                          Forms.text(form, "backend"));
              ConsoleHttp.redirect(
                  res,
                  Notices.link(
                      "/console/vaults/" + vaultId + "/keys/" + k.id(), "key-created", requestId));
            }));
  }

  private static Integer lengthBits(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw EkmError.INVALID_REQUEST.error("The key length must be 128, 192 or 256 bits.");
    }
  }

  private static Set<KeyOp> ops(List<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    Set<KeyOp> out = EnumSet.noneOf(KeyOp.class);
    for (String n : names) {
      try {
        out.add(KeyOp.valueOf(n));
      } catch (IllegalArgumentException e) {
        throw EkmError.INVALID_REQUEST.error("Allowed operations are ENCRYPT and DECRYPT.");
      }
    }
    return out;
  }
}
