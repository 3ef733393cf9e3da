package io.ekms.sdk;

import io.ekms.sdk.model.PrivateEndpoint;
import io.ekms.sdk.model.Vault;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client for the ekms KMS API (a subset of OCI KMS {@code 20180608}): private endpoints and
 * vaults here, keys and key versions through {@link #management(String)}, encrypt, decrypt and
 * generateDataEncryptionKey through {@link #crypto(String)}. Every request is signed with an OCI
 * API key; every failure is a {@link KmsException}. Build one with {@link #builder()}.
 *
 * <p>Thread-safe and immutable apart from a cache of each vault's endpoints (no key material is
 * ever cached). List calls follow {@code opc-next-page} and return every item.
 */
public final class KmsClient {
  static final int MAX_PAGES = 1000;
  private static final String API = "/20180608";
  private final String endpoint;
  private final KmsTransport transport;
  private final Map<String, Vault> vaults = new ConcurrentHashMap<>();

  KmsClient(String endpoint, KmsTransport transport) {
    this.endpoint = endpoint;
    this.transport = transport;
  }

  /** A builder: set the endpoint and an API key, and trust for the KMS's TLS certificate. */
  public static KmsClientBuilder builder() {
    return new KmsClientBuilder();
  }

  /** Creates an EKMS private endpoint: where the EKM is and which CA the KMS trusts for it. */
  public PrivateEndpoint createPrivateEndpoint(PrivateEndpoint.Create details) {
    return post(endpoint + API + "/ekmsPrivateEndpoints", details).as(PrivateEndpoint.class);
  }

  /** The private endpoint {@code id}. */
  public PrivateEndpoint getPrivateEndpoint(String id) {
    return get(endpoint + API + "/ekmsPrivateEndpoints/" + path(id)).as(PrivateEndpoint.class);
  }

  /** Renames the private endpoint {@code id}; its addresses and CA bundle cannot change. */
  public PrivateEndpoint updatePrivateEndpoint(String id, String displayName) {
    return put(endpoint + API + "/ekmsPrivateEndpoints/" + path(id), new Rename(displayName))
        .as(PrivateEndpoint.class);
  }

  /**
   * Updates the private endpoint {@code id}: its name, and (an ekms extension) the client
   * certificate the KMS presents to the EKM, used from the next call on.
   */
  public PrivateEndpoint updatePrivateEndpoint(String id, PrivateEndpoint.Update details) {
    return put(endpoint + API + "/ekmsPrivateEndpoints/" + path(id), details)
        .as(PrivateEndpoint.class);
  }

  /** Deletes the private endpoint {@code id}; refused while any vault uses it. */
  public void deletePrivateEndpoint(String id) {
    delete(endpoint + API + "/ekmsPrivateEndpoints/" + path(id));
  }

  /** Every private endpoint in {@code compartmentId}. */
  public List<PrivateEndpoint> listPrivateEndpoints(String compartmentId) {
    return list(
        endpoint + API + "/ekmsPrivateEndpoints?compartmentId=" + query(compartmentId),
        PrivateEndpoint[].class);
  }

  /** Creates an external vault; the KMS checks that it can reach the EKM vault first. */
  public Vault createVault(Vault.Create details) {
    Vault vault = post(endpoint + API + "/vaults", details).as(Vault.class);
    vaults.put(vault.id(), vault);
    return vault;
  }

  /** The vault {@code id}. */
  public Vault getVault(String id) {
    Vault vault = get(endpoint + API + "/vaults/" + path(id)).as(Vault.class);
    vaults.put(vault.id(), vault);
    return vault;
  }

  /** Renames the vault {@code id}. */
  public Vault updateVault(String id, String displayName) {
    Vault vault =
        put(endpoint + API + "/vaults/" + path(id), new Rename(displayName)).as(Vault.class);
    vaults.put(vault.id(), vault);
    return vault;
  }

  /** Every vault in {@code compartmentId}. */
  public List<Vault> listVaults(String compartmentId) {
    return list(endpoint + API + "/vaults?compartmentId=" + query(compartmentId), Vault[].class);
  }

  /**
   * Schedules the vault's deletion, as OCI does: the vault moves to {@code PENDING_DELETION} and
   * its keys stop working; {@code timeOfDeletion} null lets the KMS choose its default delay.
   */
  public Vault scheduleVaultDeletion(String id, Instant timeOfDeletion) {
    Vault vault =
        post(
                endpoint + API + "/vaults/" + path(id) + "/actions/scheduleDeletion",
                ScheduleDeletion.at(timeOfDeletion))
            .as(Vault.class);
    vaults.remove(vault.id());
    return vault;
  }

  /** Cancels a scheduled vault deletion: the vault is {@code ACTIVE} again. */
  public Vault cancelVaultDeletion(String id) {
    Vault vault =
        post(endpoint + API + "/vaults/" + path(id) + "/actions/cancelDeletion", Map.of())
            .as(Vault.class);
    vaults.put(vault.id(), vault);
    return vault;
  }

  /** The body of a scheduleDeletion action; an absent time means the KMS's default delay. */
  record ScheduleDeletion(String timeOfDeletion) {
    static ScheduleDeletion at(Instant time) {
      return new ScheduleDeletion(time == null ? null : time.toString());
    }
  }

  /** The body of an update that changes only the display name. */
  record Rename(String displayName) {}

  /** Keys and key versions of vault {@code vaultId}, at its management endpoint. */
  public KmsManagement management(String vaultId) {
    return new KmsManagement(this, vault(vaultId).managementEndpoint() + API);
  }

  /** Crypto with the keys of vault {@code vaultId}, at its crypto endpoint. */
  public KmsCrypto crypto(String vaultId) {
    return new KmsCrypto(this, vault(vaultId).cryptoEndpoint() + API);
  }

  private Vault vault(String vaultId) {
    Vault known = vaults.get(Objects.requireNonNull(vaultId, "vaultId"));
    return known != null ? known : getVault(vaultId);
  }

  KmsTransport.Answer get(String url) {
    return transport.send("GET", URI.create(url), null);
  }

  KmsTransport.Answer post(String url, Object body) {
    return transport.send("POST", URI.create(url), body);
  }

  KmsTransport.Answer put(String url, Object body) {
    return transport.send("PUT", URI.create(url), body);
  }

  KmsTransport.Answer delete(String url) {
    return transport.send("DELETE", URI.create(url), null);
  }

  /** Every page of a list call, as one list. */
  <T> List<T> list(String url, Class<T[]> type) {
    List<T> out = new ArrayList<>();
    String page = null;
    for (int i = 0; i < MAX_PAGES; i++) {
      KmsTransport.Answer answer =
          get(
              url
                  + (url.contains("?") ? "&" : "?")
                  + "limit=100"
                  + (page == null ? "" : "&page=" + query(page)));
      out.addAll(List.of(answer.as(type)));
      page = answer.nextPage();
      if (page == null) {
        return out;
      }
    }
    throw new KmsException(0, "TooManyPages", "The list has more than 1000 pages.", null, null);
  }

  static String path(String segment) {
    return URLEncoder.encode(Objects.requireNonNull(segment), StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  static String query(String value) {
    return path(value);
  }
}
