package io.ekms.kms.service;

import io.ekms.common.secret.SecretBytes;
import io.ekms.kms.domain.EkmAddress;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.kms.external.ExternalVault;
import io.ekms.kms.external.ExternalVaults;
import io.ekms.kms.service.KmsAudit.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * EXTERNAL vaults: created only once the EKM confirms the vault is there and active. The EKM URL
 * must point at one of the private endpoint's addresses, and every address and the identity
 * server's host must be allowed by the egress policy, before anything is connected to.
 */
public final class VaultService {
  private final Resources resources;
  private final Access access;
  private final KmsAudit audit;
  private final ExternalVaults externalVaults;
  private final SecretSealer sealer;
  private final Clock clock;
  private final Destinations destinations;

  /** {@code egress}: where the EKM and the identity server may be (checked before connecting). */
  public VaultService(
      Resources resources,
      Access access,
      KmsAudit audit,
      ExternalVaults externalVaults,
      SecretSealer sealer,
      Clock clock,
      EgressPolicy egress) {
    this.resources = resources;
    this.access = access;
    this.audit = audit;
    this.externalVaults = externalVaults;
    this.sealer = sealer;
    this.clock = clock;
    this.destinations = new Destinations(egress);
  }

  /** CreateVaultDetails with its externalKeyManagerMetadata flattened. */
  public record Create(
      String compartmentId,
      String displayName,
      String vaultType,
      String externalVaultEndpointUrl,
      String privateEndpointId,
      String idcsAccountNameUrl,
      String clientAppId,
      SecretBytes clientAppSecret) {
    @Override
    public String toString() {
      return "Create[" + compartmentId + ", " + externalVaultEndpointUrl + "]";
    }
  }

  public Vault create(Caller caller, Create in) {
    return audit.run(
        caller,
        "CreateVault",
        new Target(null, null, null),
        v -> new Target(v.id(), null, null),
        () -> {
          String compartmentId = Validate.compartment(in.compartmentId());
          PrivateEndpoint endpoint =
              resources.endpoint(Validate.required("privateEndpointId", in.privateEndpointId()));
          Needs.of(Access.Need.MANAGE)
              .parent(endpoint.compartmentId())
              .resource(compartmentId)
              .check(access, caller);
          Validate.check("EXTERNAL".equals(in.vaultType()), "'vaultType' must be EXTERNAL.");
          String url = ekmUrl(in.externalVaultEndpointUrl(), endpoint);
          String idcs = https("idcsAccountNameUrl", in.idcsAccountNameUrl());
          // Both hosts are checked now, before any connection; the EKM client checks again on
          // every request, with a fresh resolution.
          for (EkmAddress address : endpoint.addresses()) {
            destinations.privateEndpoint(
                "externalVaultEndpointUrl", address.host(), address.port());
          }
          destinations.identity("idcsAccountNameUrl", idcs);
          String clientId = Validate.required("clientAppId", in.clientAppId());
          Validate.check(clientId.length() <= 255, "'clientAppId' is too long.");
          SecretBytes secret = Validate.required("clientAppSecret", in.clientAppSecret());
          if (secret.length() == 0) {
            throw KmsError.MISSING_PARAMETER.error("'clientAppSecret' is required.");
          }
          Instant now = clock.instant();
          String id = Ocids.newId("vault");
          Vault draft =
              new Vault(
                  id,
                  in.compartmentId(),
                  Validate.displayName(in.displayName()),
                  Lifecycle.ACTIVE,
                  url,
                  endpoint.id(),
                  idcs,
                  clientId,
                  sealer.seal(id, secret),
                  null,
                  now,
                  now,
                  null);
          ExternalVault.VaultInfo info =
              externalVaults.open(draft, endpoint, sealer::open).vault(caller.requestId());
          if (!"ACTIVE".equals(info.state())) {
            throw KmsError.INCORRECT_STATE.error(
                "The vault in the external key manager is " + info.state() + ", not ACTIVE.");
          }
          Vault vault =
              new Vault(
                  id,
                  draft.compartmentId(),
                  draft.displayName(),
                  draft.state(),
                  url,
                  endpoint.id(),
                  idcs,
                  clientId,
                  draft.sealedSecret(),
                  info.vendor(),
                  now,
                  now,
                  null);
          resources.db.inTransaction(
              c -> {
                resources.vaults.insert(c, vault);
                return null;
              });
          return vault;
        });
  }

  public Vault get(Caller caller, String id) {
    return audit.run(
        caller,
        "GetVault",
        new Target(id, null, null),
        null,
        () -> {
          Vault v = resources.vault(id);
          access.require(caller, v.compartmentId(), Access.Need.READ);
          return v;
        });
  }

  public List<Vault> list(Caller caller, String compartmentId, Page page) {
    return audit.run(
        caller,
        "ListVaults",
        new Target(null, null, null),
        null,
        () -> {
          access.require(caller, Validate.compartment(compartmentId), Access.Need.READ);
          return resources.db.withConnection(c -> resources.vaults.list(c, compartmentId, page));
        });
  }

  /** {@code displayName} changes; {@code state} moves for scheduleDeletion / cancelDeletion. */
  public Vault change(
      Caller caller,
      String operation,
      String id,
      String ifMatch,
      java.util.function.UnaryOperator<Vault> change) {
    return audit.run(
        caller,
        operation,
        new Target(id, null, null),
        null,
        () ->
            resources.db.inTransaction(
                c -> {
                  Vault v =
                      resources
                          .vaults
                          .findForUpdate(c, id)
                          .filter(x -> x.state() != Lifecycle.DELETED)
                          .orElseThrow(KmsError::notFound);
                  access.require(caller, v.compartmentId(), Access.Need.MANAGE);
                  ETags.check(ifMatch, ETags.of(v.id(), v.timeUpdated()));
                  Vault next = change.apply(v);
                  resources.vaults.update(c, next);
                  return next;
                }));
  }

  public Vault rename(Caller caller, String id, String displayName, String ifMatch) {
    String name = Validate.displayName(displayName);
    return change(
        caller,
        "UpdateVault",
        id,
        ifMatch,
        v -> name == null ? v : v.withDisplayName(name, clock.instant()));
  }

  public Vault scheduleDeletion(Caller caller, String id, Instant when, String ifMatch) {
    Instant at = Deletions.time(when, clock);
    return change(
        caller,
        "ScheduleVaultDeletion",
        id,
        ifMatch,
        v -> {
          if (v.state() != Lifecycle.ACTIVE) {
            throw KmsError.INCORRECT_STATE.error(
                "Only an ACTIVE vault can be scheduled for deletion.");
          }
          return v.withState(Lifecycle.PENDING_DELETION, at, clock.instant());
        });
  }

  public Vault cancelDeletion(Caller caller, String id, String ifMatch) {
    return change(
        caller,
        "CancelVaultDeletion",
        id,
        ifMatch,
        v -> {
          if (v.state() != Lifecycle.PENDING_DELETION) {
            throw KmsError.INCORRECT_STATE.error("The vault is not pending deletion.");
          }
          return v.withState(Lifecycle.ACTIVE, null, clock.instant());
        });
  }

  /** Usage: how many keys and key versions the vault holds. */
  public int[] usage(Caller caller, String id) {
    return audit.run(
        caller,
        "GetVaultUsage",
        new Target(id, null, null),
        null,
        () -> {
          Vault v = resources.vault(id);
          access.require(caller, v.compartmentId(), Access.Need.READ);
          return resources.db.withConnection(
              c ->
                  new int[] {
                    resources.keys.countInVault(c, id), resources.versions.countInVault(c, id)
                  });
        });
  }

  private static String ekmUrl(String value, PrivateEndpoint endpoint) {
    String url = https("externalVaultEndpointUrl", value);
    URI uri = URI.create(url);
    Validate.check(
        uri.getRawPath() != null && !uri.getRawPath().isEmpty(),
        "'externalVaultEndpointUrl' must be an https URL with a path naming the vault.");
    int port = uri.getPort() == -1 ? 443 : uri.getPort();
    Validate.check(
        endpoint.addresses().stream().anyMatch(a -> a.sameAs(uri.getHost(), port)),
        "'externalVaultEndpointUrl' must point at one of the private endpoint's addresses ("
            + String.join(", ", endpoint.addresses().stream().map(EkmAddress::toString).toList())
            + ").");
    return url;
  }

  /**
   * An https URL with a host and no user info, query or fragment, without its trailing slash: what
   * the EKM client accepts, so that a URL refused there is a 400 here rather than a 500 later.
   */
  static String https(String field, String value) {
    Validate.required(field, value);
    try {
      URI uri = new URI(value);
      if ("https".equals(uri.getScheme())
          && uri.getHost() != null
          && value.length() <= 2048
          && uri.getRawUserInfo() == null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw KmsError.INVALID_PARAMETER.error(
        "'" + field + "' must be an https URL with a host and no user info, query or fragment.");
  }
}
