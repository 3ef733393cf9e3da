package io.ekms.ekm.console;

import io.ekms.core.http.RequestId;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.domain.gcp.GcpKeyStore;
import io.ekms.ekm.domain.xks.XksKeyStore;
import io.ekms.ekm.service.CallContext;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One key: its versions, backend and allowed operations, where it is exposed (OCI through its
 * vault, and each XKS and Google key store that names it), and the links to its actions.
 */
final class KeyPages extends PageGroup {

  KeyPages(ConsoleGate gate, ConsoleServices services) {
    super(gate, services);
  }

  @Override
  void routing(HttpRouting.Builder r) {
    r.get(
        "/console/vaults/{vaultId}/keys/{keyId}",
        gate.page(
            (req, res, s) -> {
              CallContext ctx = s.context(RequestId.generate());
              String vaultId = Forms.pathId(req, "vaultId");
              String keyId = Forms.pathId(req, "keyId");
              Vault vault = services.vaults().getVault(ctx, vaultId);
              Key key = services.keys().get(ctx, vaultId, keyId);
              List<KeyVersion> versions =
                  services.versions().list(ctx, vaultId, keyId).stream()
                      .sorted(Comparator.comparingInt(KeyVersion::number).reversed())
                      .toList();
              ConsoleHttp.render(
                  res,
                  200,
                  "key.jte",
                  new Views.KeyView(
                      Chrome.of("Key " + key.name(), "vaults", s).withNotice(Notices.of(req)),
                      vault,
                      key,
                      versions,
                      exposures(ctx, vault, key)));
            }));
  }

  private List<Views.Exposure> exposures(CallContext ctx, Vault vault, Key key) {
    List<Views.Exposure> out = new ArrayList<>();
    out.add(new Views.Exposure("OCI External KMS", "vault " + vault.name(), key.id()));
    for (XksKeyStore store : services.xks().list(ctx)) {
      for (XksKeyStore.ExposedKey e : store.keys()) {
        if (e.keyId().equals(key.id())) {
          out.add(
              new Views.Exposure(
                  "AWS XKS", store.name(), e.externalKeyId() + " (" + e.usage() + ")"));
        }
      }
    }
    for (GcpKeyStore store : services.gcp().list(ctx)) {
      for (GcpKeyStore.ExposedKey e : store.keys()) {
        if (e.keyId().equals(key.id())) {
          out.add(new Views.Exposure("Google Cloud EKM", store.name(), e.keyName()));
        }
      }
    }
    return out;
  }
}
