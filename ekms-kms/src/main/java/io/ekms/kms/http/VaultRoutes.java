package io.ekms.kms.http;

import static io.ekms.kms.http.Params.id;
import static io.ekms.kms.http.Params.ifMatch;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.WireSecret;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.ETags;
import io.ekms.kms.service.PrivateEndpointService;
import io.ekms.kms.service.Validate;
import io.ekms.kms.service.VaultService;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /20180608/ekmsPrivateEndpoints} and {@code /20180608/vaults} (KmsVaultClient, EkmClient).
 */
final class VaultRoutes {
  private static final String PE = "/20180608/ekmsPrivateEndpoints";
  private static final String V = "/20180608/vaults";
  private final PrivateEndpointService endpoints;
  private final VaultService vaults;
  private final Exchange<Caller> x;
  private final Idempotent idempotent;
  private final Supplier<String> baseUrl;

  VaultRoutes(
      PrivateEndpointService endpoints,
      VaultService vaults,
      Exchange<Caller> x,
      Idempotent idempotent,
      Supplier<String> baseUrl) {
    this.endpoints = endpoints;
    this.vaults = vaults;
    this.x = x;
    this.idempotent = idempotent;
    this.baseUrl = baseUrl;
  }

  void routing(HttpRouting.Builder r) {
    String pe = PE + "/{privateEndpointId}";
    r.post(PE, once("CreateEkmsPrivateEndpoint", this::createEndpoint));
    r.get(PE, x.route("ListEkmsPrivateEndpoints", this::listEndpoints));
    r.get(pe, x.route("GetEkmsPrivateEndpoint", this::getEndpoint));
    r.put(pe, x.route("UpdateEkmsPrivateEndpoint", this::updateEndpoint));
    r.delete(pe, x.route("DeleteEkmsPrivateEndpoint", this::deleteEndpoint));
    String v = V + "/{vaultId}";
    r.post(V, once("CreateVault", this::createVault));
    r.get(V, x.route("ListVaults", this::listVaults));
    r.get(v, x.route("GetVault", this::getVault));
    r.put(v, x.route("UpdateVault", this::renameVault));
    r.post(v + "/actions/scheduleDeletion", once("ScheduleVaultDeletion", this::scheduleDeletion));
    r.post(v + "/actions/cancelDeletion", once("CancelVaultDeletion", this::cancelDeletion));
    r.get(v + "/usage", x.route("GetVaultUsage", this::usage));
  }

  private io.helidon.webserver.http.Handler once(String operation, Exchange.Route<Caller> route) {
    return x.route(operation, idempotent.route(operation, route));
  }

  private static String endpoint(Request r) {
    return id(r, "privateEndpointId", "ekmsprivateendpoint");
  }

  private static String vault(Request r) {
    return id(r, "vaultId", "vault");
  }

  private Reply createEndpoint(Request r, Caller c) {
    var b = r.json(Requests.CreateEkmsPrivateEndpointDetails.class);
    try (WireSecret wire = b.clientPrivateKey();
        SecretBytes key = wire == null ? null : wire.toSecretBytes()) {
      return endpoint(
          endpoints.create(
              c,
              new PrivateEndpointService.Create(
                  b.compartmentId(),
                  b.displayName(),
                  b.subnetId(),
                  b.externalKeyManagerIp(),
                  b.port(),
                  b.caBundle(),
                  b.externalKeyManagerAddresses(),
                  b.clientCertificate(),
                  key)));
    }
  }

  private Reply listEndpoints(Request r, Caller c) {
    Page page = Params.page(r);
    List<PrivateEndpoint> list = endpoints.list(c, Params.compartment(r), page);
    return Paging.reply(
        list,
        page,
        PrivateEndpoint::timeCreated,
        PrivateEndpoint::id,
        Views.EkmsPrivateEndpointView::of);
  }

  private Reply getEndpoint(Request r, Caller c) {
    return endpoint(endpoints.get(c, endpoint(r)));
  }

  private Reply updateEndpoint(Request r, Caller c) {
    var b = r.json(Requests.UpdateEkmsPrivateEndpointDetails.class);
    try (WireSecret wire = b.clientPrivateKey();
        SecretBytes key = wire == null ? null : wire.toSecretBytes()) {
      return endpoint(
          endpoints.update(
              c,
              endpoint(r),
              new PrivateEndpointService.Update(b.displayName(), b.clientCertificate(), key),
              ifMatch(r)));
    }
  }

  private Reply deleteEndpoint(Request r, Caller c) {
    endpoints.delete(c, endpoint(r), ifMatch(r));
    return new Reply(204, null);
  }

  private Reply createVault(Request r, Caller c) {
    var b = r.json(Requests.CreateVaultDetails.class);
    var meta = Validate.required("externalKeyManagerMetadata", b.externalKeyManagerMetadata());
    var oauth = Validate.required("externalKeyManagerMetadata.oauthMetadata", meta.oauthMetadata());
    WireSecret secret = Validate.required("clientAppSecret", oauth.clientAppSecret());
    try (secret;
        SecretBytes s = secret.toSecretBytes()) {
      return vault(
          vaults.create(
              c,
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

  private Reply listVaults(Request r, Caller c) {
    Page page = Params.page(r);
    List<Vault> list = vaults.list(c, Params.compartment(r), page);
    return Paging.reply(
        list, page, Vault::timeCreated, Vault::id, v -> Views.VaultView.of(v, baseUrl.get()));
  }

  private Reply getVault(Request r, Caller c) {
    return vault(vaults.get(c, vault(r)));
  }

  private Reply renameVault(Request r, Caller c) {
    String name = Validate.displayName(r.json(Requests.UpdateDisplayName.class).displayName());
    return vault(
        vaults.change(
            c,
            "UpdateVault",
            vault(r),
            ifMatch(r),
            v -> name == null ? v : v.withDisplayName(name, v.timeUpdated().plusMillis(1))));
  }

  private Reply scheduleDeletion(Request r, Caller c) {
    return vault(vaults.scheduleDeletion(c, vault(r), Params.deletionTime(r), ifMatch(r)));
  }

  private Reply cancelDeletion(Request r, Caller c) {
    return vault(vaults.cancelDeletion(c, vault(r), ifMatch(r)));
  }

  private Reply usage(Request r, Caller c) {
    int[] usage = vaults.usage(c, vault(r));
    return new Reply(200, new Views.VaultUsage(usage[0], usage[1], 0, 0));
  }

  private static Reply endpoint(PrivateEndpoint p) {
    return new Reply(
        200,
        Views.EkmsPrivateEndpointView.of(p),
        Map.of("etag", ETags.of(p.id(), p.timeUpdated())));
  }

  private Reply vault(Vault v) {
    return new Reply(
        200,
        Views.VaultView.of(v, baseUrl.get()),
        Map.of("etag", ETags.of(v.id(), v.timeUpdated())));
  }
}
