package io.ekms.kms.store;

import io.ekms.core.db.Rows;
import io.ekms.kms.domain.ClientCertificate;
import io.ekms.kms.domain.EkmAddress;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.PrivateEndpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** EKMS private endpoints, each with its list of EKM addresses. */
public final class PrivateEndpointRepository {
  private static final String COLUMNS =
      "id, compartment_id, display_name, subnet_id, host, port,"
          + " ca_bundle, state, created_at, updated_at, ekm_addresses,"
          + " client_cert, client_key_sealed, client_cert_sha256";

  public void insert(Connection c, PrivateEndpoint p) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO kms_private_endpoints ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ClientCertificate client = p.clientCertificate();
      Rows.bind(
          ps,
          p.id(),
          p.compartmentId(),
          p.displayName(),
          p.subnetId(),
          p.host(),
          p.port(),
          p.caBundle(),
          p.state(),
          p.timeCreated(),
          p.timeUpdated(),
          String.join(" ", p.addresses().stream().map(EkmAddress::toString).toList()),
          client == null ? null : client.chainPem(),
          client == null ? null : client.sealedKey(),
          client == null ? null : client.identity());
      ps.executeUpdate();
    }
  }

  public void update(Connection c, PrivateEndpoint p) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE kms_private_endpoints SET display_name = ?, state = ?, updated_at = ?,"
                + " client_cert = ?, client_key_sealed = ?, client_cert_sha256 = ? WHERE id = ?")) {
      ClientCertificate client = p.clientCertificate();
      Rows.bind(
          ps,
          p.displayName(),
          p.state(),
          p.timeUpdated(),
          client == null ? null : client.chainPem(),
          client == null ? null : client.sealedKey(),
          client == null ? null : client.identity(),
          p.id());
      ps.executeUpdate();
    }
  }

  public Optional<PrivateEndpoint> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM kms_private_endpoints WHERE id = ?")) {
      Rows.bind(ps, id);
      return Rows.one(ps, PrivateEndpointRepository::map);
    }
  }

  public List<PrivateEndpoint> list(Connection c, String compartmentId, Page page)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM kms_private_endpoints WHERE compartment_id = ? AND state <> 'DELETED' AND "
                + Paged.condition(page)
                + " ORDER BY created_at, id LIMIT "
                + page.limit())) {
      Rows.bind(ps, Queries.concat(compartmentId, Paged.parameters(page)));
      return Rows.list(ps, PrivateEndpointRepository::map);
    }
  }

  public int countVaultsUsing(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM kms_vaults"
                + " WHERE private_endpoint_id = ? AND state <> 'DELETED'")) {
      Rows.bind(ps, id);
      return Rows.one(ps, rs -> rs.getInt(1)).orElse(0);
    }
  }

  private static PrivateEndpoint map(ResultSet rs) throws SQLException {
    return new PrivateEndpoint(
        rs.getString("id"),
        rs.getString("compartment_id"),
        rs.getString("display_name"),
        rs.getString("subnet_id"),
        addresses(rs),
        rs.getString("ca_bundle"),
        Lifecycle.valueOf(rs.getString("state")),
        Rows.time(rs, "created_at"),
        Rows.time(rs, "updated_at"),
        clientCertificate(rs));
  }

  /** The endpoint's client certificate, or null when it has none. */
  private static ClientCertificate clientCertificate(ResultSet rs) throws SQLException {
    String chain = rs.getString("client_cert");
    return chain == null ? null : new ClientCertificate(chain, rs.getString("client_key_sealed"));
  }

  /** {@code ekm_addresses}, or for rows from before it existed, the one {@code host:port}. */
  private static List<EkmAddress> addresses(ResultSet rs) throws SQLException {
    String all = rs.getString("ekm_addresses");
    if (all == null) {
      return List.of(new EkmAddress(rs.getString("host"), rs.getInt("port")));
    }
    return Arrays.stream(all.split(" ")).map(a -> EkmAddress.parse(a, 443)).toList();
  }
}
