package io.ekms.kms.http;

import io.ekms.core.secret.SecretBytes;
import io.ekms.core.secret.WireSecret;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.http.KmsExchange.Call;
import io.ekms.kms.http.KmsExchange.Reply;
import io.ekms.kms.service.ETags;
import io.ekms.kms.service.PrivateEndpointService;
import io.ekms.kms.service.Validate;
import io.ekms.kms.service.VaultService;
import io.ekms.kms.store.Page;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;
import java.util.Map;

/**
 * {@code /20180608/ekmsPrivateEndpoints} and {@code /20180608/vaults} (KmsVaultClient, EkmClient).
 */
final class VaultRoutes {
  private static final String PE = "/20180608/ekmsPrivateEndpoints";
  private static final String V = "/20180608/vaults";
  private final PrivateEndpointService endpoints;
  private final VaultService vaults;
  private final KmsExchange x;
  private final java.util.function.Supplier<String> baseUrl;

  VaultRoutes(
      PrivateEndpointService endpoints,
      VaultService vaults,
      KmsExchange x,
      java.util.function.Supplier<String> baseUrl) {
    this.endpoints = endpoints;
    this.vaults = vaults;
    this.x = x;
    this.baseUrl = baseUrl;
  }

  void routing(HttpRouting.Builder r) {
    r.post(PE, x.route("CreateEkmsPrivateEndpoint", true, this::createEndpoint));
    r.get(
        PE,
        x.route(
            "ListEkmsPrivateEndpoints",
            false,
            c -> {
              Page page = Paging.page(c);
              List<PrivateEndpoint> list =
                  endpoints.list(c.caller(), c.query("compartmentId").orElse(null), page);
              return Paging.reply(
                  list,
                  page,
                  PrivateEndpoint::timeCreated,
                  PrivateEndpoint::id,
                  Views.EkmsPrivateEndpointView::of);
            }));
    r.get(
        PE + "/{privateEndpointId}",
        x.route(
            "GetEkmsPrivateEndpoint",
            false,
            c ->
                endpoint(
                    200,
                    endpoints.get(c.caller(), c.id("privateEndpointId", "ekmsprivateendpoint")))));
    r.put(
        PE + "/{privateEndpointId}",
        x.route(
            "UpdateEkmsPrivateEndpoint",
            false,
            c ->
                endpoint(
                    200,
                    endpoints.update(
                        c.caller(),
                        c.id("privateEndpointId", "ekmsprivateendpoint"),
                        c.json(Requests.UpdateDisplayName.class).displayName(),
                        c.header("if-match")))));
    r.delete(
        PE + "/{privateEndpointId}",
        x.route(
            "DeleteEkmsPrivateEndpoint",
            false,
            c -> {
              endpoints.delete(
                  c.caller(),
                  c.id("privateEndpointId", "ekmsprivateendpoint"),
                  c.header("if-match"));
              return new Reply(204, null);
            }));
    r.post(V, x.route("CreateVault", true, this::createVault));
    r.get(
        V,
        x.route(
            "ListVaults",
            false,
            c -> {
              Page page = Paging.page(c);
              List<Vault> list =
                  vaults.list(c.caller(), c.query("compartmentId").orElse(null), page);
              return Paging.reply(
                  list,
                  page,
                  Vault::timeCreated,
                  Vault::id,
                  v -> Views.VaultView.of(v, baseUrl.get()));
            }));
    r.get(
        V + "/{vaultId}",
        x.route(
            "GetVault", false, c -> vault(200, vaults.get(c.caller(), c.id("vaultId", "vault")))));
    r.put(
        V + "/{vaultId}",
        x.route(
            "UpdateVault",
            false,
            c -> {
              String name =
                  Validate.displayName(c.json(Requests.UpdateDisplayName.class).displayName());
              return vault(
                  200,
                  vaults.change(
                      c.caller(),
                      "UpdateVault",
                      c.id("vaultId", "vault"),
                      c.header("if-match"),
                      v ->
                          name == null
                              ? v
                              : v.withDisplayName(name, v.timeUpdated().plusMillis(1))));
            }));
    r.post(
        V + "/{vaultId}/actions/scheduleDeletion",
        x.route(
            "ScheduleVaultDeletion",
            true,
            c ->
                vault(
                    200,
                    vaults.scheduleDeletion(
                        c.caller(),
                        c.id("vaultId", "vault"),
                        Paging.deletionTime(c),
                        c.header("if-match")))));
    r.post(
        V + "/{vaultId}/actions/cancelDeletion",
        x.route(
            "CancelVaultDeletion",
            true,
            c ->
                vault(
                    200,
                    vaults.cancelDeletion(
                        c.caller(), c.id("vaultId", "vault"), c.header("if-match")))));
    r.get(
        V + "/{vaultId}/usage",
        x.route(
            "GetVaultUsage",
            false,
            c -> {
              int[] usage = vaults.usage(c.caller(), c.id("vaultId", "vault"));
              return new Reply(200, new Views.VaultUsage(usage[0], usage[1], 0, 0));
            }));
  }

  private Reply createEndpoint(Call c) {
    var b = c.json(Requests.CreateEkmsPrivateEndpointDetails.class);
    return endpoint(
        200,
        endpoints.create(
            c.caller(),
            new PrivateEndpointService.Create(
                b.compartmentId(),
                b.displayName(),
                b.subnetId(),
                b.externalKeyManagerIp(),
                b.port(),
                b.caBundle())));
  }

  private Reply createVault(Call c) {
    var b = c.json(Requests.CreateVaultDetails.class);
    var meta = Validate.required("externalKeyManagerMetadata", b.externalKeyManagerMetadata());
    var oauth = Validate.required("externalKeyManagerMetadata.oauthMetadata", meta.oauthMetadata());
    WireSecret secret = Validate.required("clientAppSecret", oauth.clientAppSecret());
    try (secret;
        SecretBytes s = secret.toSecretBytes()) {
      return vault(
          200,
          vaults.create(
              c.caller(),
              new VaultService.Create(
                  b.compartmentId(),
                  b.displayName(),
                  b.vaultType(),
                  meta.externalVaultEndpointUrl(),
                  Validate.ocid(
                      "privateEndpointId", meta.privateEndpointId(), "ekmsprivateendpoint"),
                  oauth.idcsAccountNameUrl(),
                  oauth.clientAppId(),
                  s)));
    }
  }

  private static Reply endpoint(int status, PrivateEndpoint p) {
    return new Reply(
        status,
        Views.EkmsPrivateEndpointView.of(p),
        Map.of("etag", ETags.of(p.id(), p.timeUpdated())));
  }

  private Reply vault(int status, Vault v) {
    return new Reply(
        status,
        Views.VaultView.of(v, baseUrl.get()),
        Map.of("etag", ETags.of(v.id(), v.timeUpdated())));
  }
}
