package io.ekms.kms.service;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.tls.Pem;
import io.ekms.core.db.Database;
import io.ekms.kms.domain.ClientCertificate;
import io.ekms.kms.domain.EkmAddress;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.kms.service.KmsAudit.Target;
import io.ekms.kms.store.PrivateEndpointRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * EKMS private endpoints: where an EKM's nodes are, and the only CA trusted for them. Every host
 * must be an address the egress policy allows (a name: every address it resolves to now).
 */
public final class PrivateEndpointService {
  private final Database db;
  private final Access access;
  private final KmsAudit audit;
  private final Clock clock;
  private final Destinations destinations;
  private final SecretSealer sealer;
  private final PrivateEndpointRepository endpoints = new PrivateEndpointRepository();

  /**
   * {@code egress}: where private endpoints may point (checked at creation); {@code sealer}: seals
   * client certificates' private keys under the KMS master key.
   */
  public PrivateEndpointService(
      Database db,
      Access access,
      KmsAudit audit,
      Clock clock,
      EgressPolicy egress,
      SecretSealer sealer) {
    this.db = db;
    this.sealer = sealer;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
    this.destinations = new Destinations(egress);
  }

  /**
   * The fields of CreateEkmsPrivateEndpointDetails: one address ({@code host}, {@code port}) or
   * several ({@code addresses}, {@code host:port} each; see {@link EndpointAddresses}); and, both
   * or neither, the ekms extension {@code clientCertificate} (PEM chain) and {@code
   * clientPrivateKey} (PKCS#8 PEM, owned by the caller) for EKMs that require mutual TLS.
   */
  public record Create(
      String compartmentId,
      String displayName,
      String subnetId,
      String host,
      Integer port,
      String caBundle,
      List<String> addresses,
      String clientCertificate,
      SecretBytes clientPrivateKey) {
    /** Without a client certificate. */
    public Create(
        String compartmentId,
        String displayName,
        String subnetId,
        String host,
        Integer port,
        String caBundle,
        List<String> addresses) {
      this(compartmentId, displayName, subnetId, host, port, caBundle, addresses, null, null);
    }

    /** With the one address {@code host}:{@code port}. */
    public Create(
        String compartmentId,
        String displayName,
        String subnetId,
        String host,
        Integer port,
        String caBundle) {
      this(compartmentId, displayName, subnetId, host, port, caBundle, null);
    }
  }

  public PrivateEndpoint create(Caller caller, Create in) {
    return audit.run(
        caller,
        "CreateEkmsPrivateEndpoint",
        new Target(null, null, null),
        p -> new Target(p.id(), null, null),
        () -> {
          access.require(caller, Validate.compartment(in.compartmentId()), Access.Need.MANAGE);
          List<EkmAddress> addresses =
              EndpointAddresses.of(in.host(), in.port(), in.addresses(), destinations);
          String ca = Validate.required("caBundle", in.caBundle());
          Validate.check(
              ca.length() <= 65_536 && parses(ca),
              "'caBundle' must hold one or more PEM certificates.");
          Instant now = clock.instant();
          String id = Ocids.newId("ekmsprivateendpoint");
          PrivateEndpoint p =
              new PrivateEndpoint(
                  id,
                  in.compartmentId(),
                  Validate.displayName(in.displayName()),
                  in.subnetId(),
                  addresses,
                  ca,
                  Lifecycle.ACTIVE,
                  now,
                  now,
                  clientCertificate(in.clientCertificate(), in.clientPrivateKey(), id, now)
                      .orElse(null));
          db.inTransaction(
              c -> {
                endpoints.insert(c, p);
                return null;
              });
          return p;
        });
  }

  public PrivateEndpoint get(Caller caller, String id) {
    return audit.run(
        caller,
        "GetEkmsPrivateEndpoint",
        new Target(id, null, null),
        null,
        () -> {
          PrivateEndpoint p = find(id);
          access.require(caller, p.compartmentId(), Access.Need.READ);
          return p;
        });
  }

  public List<PrivateEndpoint> list(Caller caller, String compartmentId, Page page) {
    return audit.run(
        caller,
        "ListEkmsPrivateEndpoints",
        new Target(null, null, null),
        null,
        () -> {
          access.require(caller, Validate.compartment(compartmentId), Access.Need.READ);
          return db.withConnection(c -> endpoints.list(c, compartmentId, page));
        });
  }

  /**
   * The fields of UpdateEkmsPrivateEndpointDetails, each left as it is when null: {@code
   * displayName}, and the ekms extension {@code clientCertificate} with {@code clientPrivateKey}
   * (both or neither; both empty removes the client certificate).
   */
  public record Update(String displayName, String clientCertificate, SecretBytes clientPrivateKey) {
    @Override
    public String toString() {
      return "Update[displayName=" + displayName + "]";
    }
  }

  public PrivateEndpoint update(Caller caller, String id, String displayName, String ifMatch) {
    return update(caller, id, new Update(displayName, null, null), ifMatch);
  }

  public PrivateEndpoint update(Caller caller, String id, Update in, String ifMatch) {
    return audit.run(
        caller,
        "UpdateEkmsPrivateEndpoint",
        new Target(id, null, null),
        null,
        () ->
            db.inTransaction(
                c -> {
                  PrivateEndpoint p = managed(c, caller, id, ifMatch);
                  Instant now = clock.instant();
                  String name = Validate.displayName(in.displayName());
                  PrivateEndpoint next =
                      p.withDisplayName(name == null ? p.displayName() : name, now);
                  if (in.clientCertificate() != null || in.clientPrivateKey() != null) {
                    next =
                        next.withClientCertificate(
                            clientCertificate(
                                    in.clientCertificate(), in.clientPrivateKey(), id, now)
                                .orElse(null),
                            now);
                  }
                  endpoints.update(c, next);
                  return next;
                }));
  }

  public void delete(Caller caller, String id, String ifMatch) {
    audit.run(
        caller,
        "DeleteEkmsPrivateEndpoint",
        new Target(id, null, null),
        null,
        () ->
            db.inTransaction(
                c -> {
                  PrivateEndpoint p = managed(c, caller, id, ifMatch);
                  if (endpoints.countVaultsUsing(c, id) > 0) {
                    throw KmsError.INCORRECT_STATE.error(
                        "The private endpoint is used by vaults; delete them first.");
                  }
                  endpoints.update(c, p.withState(Lifecycle.DELETED, clock.instant()));
                  return p;
                }));
  }

  /**
   * The live endpoint {@code id}, which {@code caller} may manage, at the version {@code ifMatch}.
   */
  private PrivateEndpoint managed(Connection c, Caller caller, String id, String ifMatch)
      throws SQLException {
    PrivateEndpoint p = live(c, id);
    access.require(caller, p.compartmentId(), Access.Need.MANAGE);
    ETags.check(ifMatch, ETags.of(p.id(), p.timeUpdated()));
    return p;
  }

  PrivateEndpoint find(String id) {
    if (!Ocids.isType(id, "ekmsprivateendpoint")) {
      throw KmsError.notFound();
    }
    return db.withConnection(c -> live(c, id));
  }

  /** The endpoint {@code id} unless it is deleted or unknown (404 either way). */
  private PrivateEndpoint live(Connection c, String id) throws SQLException {
    return endpoints
        .find(c, id)
        .filter(e -> e.state() != Lifecycle.DELETED)
        .orElseThrow(KmsError::notFound);
  }

  /**
   * The checked client certificate with its key sealed; empty when both are absent or (to remove
   * it) both empty; 400 when only one is given.
   */
  private java.util.Optional<ClientCertificate> clientCertificate(
      String chain, SecretBytes key, String endpointId, Instant now) {
    boolean noChain = chain == null || chain.isEmpty();
    boolean noKey = key == null || key.length() == 0;
    Validate.check(
        noChain == noKey,
        "'clientCertificate' and 'clientPrivateKey' go together: give both, or neither.");
    if (noChain) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(ClientCertificates.check(chain, key, now, endpointId, sealer));
  }

  private static boolean parses(String pem) {
    try {
      Pem.certificates(pem);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
