package io.ekms.admin.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The EKM's admin API ({@code /admin/v1}): trusted issuers, vaults, keys and XKS key stores. */
public final class EkmAdmin {
  private static final String VAULTS = "/admin/v1/vaults";
  private static final String STORES = "/admin/v1/xks/keystores";
  private final AdminHttp http;

  public EkmAdmin(AdminHttp http) {
    this.http = http;
  }

  /** The id of the trusted issuer {@code issuer}, added (by its discovery URL) when missing. */
  public String trustIssuer(String issuer, String caBundlePem) {
    for (JsonNode known : http.items("/admin/v1/issuers")) {
      if (issuer.equals(known.path("issuer").asText())) {
        return known.path("id").asText();
      }
    }
    return http.call(
            "POST",
            "/admin/v1/issuers",
            Map.of(
                "issuer",
                issuer,
                "discoveryUrl",
                issuer + "/.well-known/openid-configuration",
                "caBundle",
                caBundlePem))
        .path("id")
        .asText();
  }

  /** Trusts {@code issuer}, whose keys are at {@code jwksUri} (no discovery); returns its id. */
  public String addIssuer(String issuer, String jwksUri, String caBundlePem) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("issuer", issuer);
    body.put("jwksUri", jwksUri);
    body.put("caBundle", caBundlePem);
    return http.call("POST", "/admin/v1/issuers", body).path("id").asText();
  }

  /**
   * Fetches issuer {@code issuerId}'s keys from {@code jwksUri} with {@code caBundlePem} from now
   * on.
   */
  public JsonNode updateIssuer(String issuerId, String jwksUri, String caBundlePem) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("jwksUri", jwksUri);
    body.put("caBundle", caBundlePem);
    return http.call("PUT", "/admin/v1/issuers/" + issuerId, body);
  }

  /** Stops trusting issuer {@code issuerId}; refused (409 Conflict) while any vault trusts it. */
  public void removeIssuer(String issuerId) {
    http.call("DELETE", "/admin/v1/issuers/" + issuerId, null);
  }

  /** A new vault bound to OAuth client {@code clientId} of issuer {@code issuerId}. */
  public String createVault(String name, String issuerId, String clientId) {
    return http.call(
            "POST", VAULTS, Map.of("name", name, "issuerId", issuerId, "clientId", clientId))
        .path("id")
        .asText();
  }

  /**
   * Deletes a vault with its DELETED keys; refused (409 Conflict) while it holds a key that is not
   * deleted, a key store exposes one of its keys, or a policy is attached to it or its keys.
   */
  public void deleteVault(String vaultId) {
    http.call("DELETE", VAULTS + "/" + vaultId, null);
  }

  /** A new AES-256 key (encrypt and decrypt) in the vault. */
  public String createKey(String vaultId, String name) {
    return http.call("POST", VAULTS + "/" + vaultId + "/keys", Map.of("name", name))
        .path("id")
        .asText();
  }

  /** A new AES-256 key (encrypt and decrypt) in the vault, on backend {@code backend}. */
  public String createKey(String vaultId, String name, String backend) {
    return http.call(
            "POST", VAULTS + "/" + vaultId + "/keys", Map.of("name", name, "backend", backend))
        .path("id")
        .asText();
  }

  /**
   * A new AES-256 key in the vault allowing only {@code ops} ({@code ENCRYPT}, {@code DECRYPT}).
   */
  public String createKey(String vaultId, String name, List<String> ops) {
    return http.call("POST", VAULTS + "/" + vaultId + "/keys", Map.of("name", name, "ops", ops))
        .path("id")
        .asText();
  }

  /** The vault's keys ({@code items}). */
  public JsonNode keys(String vaultId) {
    return http.call("GET", VAULTS + "/" + vaultId + "/keys", null);
  }

  /** A key as the admin API shows it (id, name, state, versions, ...). */
  public JsonNode key(String vaultId, String keyId) {
    return http.call("GET", VAULTS + "/" + vaultId + "/keys/" + keyId, null);
  }

  /**
   * Sets the operations a key allows ({@code ENCRYPT}, {@code DECRYPT}, at least one) from the next
   * EKM API call on; answers the key.
   */
  public JsonNode updateKeyOps(String vaultId, String keyId, List<String> ops) {
    return http.call("PATCH", VAULTS + "/" + vaultId + "/keys/" + keyId, Map.of("ops", ops));
  }

  /**
   * Updates a key (PATCH): any of {@code ops}, {@code kmsRotation} (ALLOW, DENY, QUORUM) and {@code
   * rotationPeriodDays} (1 to 3650, or null for none); fields left out stay. Answers the key.
   */
  public JsonNode updateKey(String vaultId, String keyId, Map<String, Object> fields) {
    // A tree, so that a null (no crypto period) is sent as null rather than left out.
    var body = io.ekms.common.json.Json.mapper().createObjectNode();
    fields.forEach(
        (name, value) -> {
          if (value == null) {
            body.putNull(name);
          } else {
            body.set(name, io.ekms.common.json.Json.mapper().valueToTree(value));
          }
        });
    return http.call("PATCH", VAULTS + "/" + vaultId + "/keys/" + keyId, body);
  }

  /** {@code rotate}, {@code enable} or {@code disable} on a key. */
  public JsonNode keyAction(String vaultId, String keyId, String action) {
    return http.call("POST", VAULTS + "/" + vaultId + "/keys/" + keyId + "/" + action, Map.of());
  }

  /** {@code disable}, {@code enable} or {@code destroy} one version of a key. */
  public JsonNode versionAction(String vaultId, String keyId, String versionId, String action) {
    return http.call(
        "POST",
        VAULTS + "/" + vaultId + "/keys/" + keyId + "/versions/" + versionId + "/" + action,
        Map.of());
  }

  /** {@code block} or {@code unblock} a vault: the customer's kill switch. */
  public JsonNode vaultAction(String vaultId, String action) {
    return http.call("POST", VAULTS + "/" + vaultId + "/" + action, Map.of());
  }

  /** The id of the XKS key store at {@code uriPrefix}, created (unthrottled) when missing. */
  public String xksStore(String name, String uriPrefix) {
    String known = idAtPrefix(http.items(STORES), uriPrefix);
    if (known != null) {
      return known;
    }
    return http.call(
            "POST", STORES, Map.of("name", name, "uriPrefix", uriPrefix, "ratePerSecond", 0))
        .path("id")
        .asText();
  }

  /** A new XKS key store at {@code uriPrefix} allowing {@code ratePerSecond} (0: unthrottled). */
  public String createXksStore(String name, String uriPrefix, int ratePerSecond) {
    return http.call(
            "POST",
            STORES,
            Map.of("name", name, "uriPrefix", uriPrefix, "ratePerSecond", ratePerSecond))
        .path("id")
        .asText();
  }

  /** The XKS key stores with their credentials' ids (never their secrets). */
  public JsonNode xksStores() {
    return http.call("GET", STORES, null);
  }

  /** Sets an XKS key store's rate limit in requests a second (0: none); answers the store. */
  public JsonNode updateXksStoreRate(String storeId, int ratePerSecond) {
    return http.call("PATCH", STORES + "/" + storeId, Map.of("ratePerSecond", ratePerSecond));
  }

  /**
   * Deletes an XKS key store with its credentials and exposed keys (the EKM keys stay); refused
   * (409 Conflict) while key-access policies are attached to it.
   */
  public void deleteXksStore(String storeId) {
    http.call("DELETE", STORES + "/" + storeId, null);
  }

  /** Adds a SigV4 credential to a key store. */
  public void addXksCredential(String storeId, String accessKeyId, String secretAccessKey) {
    http.call(
        "POST",
        STORES + "/" + storeId + "/credentials",
        Map.of("accessKeyId", accessKeyId, "secretAccessKey", secretAccessKey));
  }

  /** Removes a SigV4 credential from a key store, effective at once. */
  public void removeXksCredential(String storeId, String accessKeyId) {
    http.call("DELETE", STORES + "/" + storeId + "/credentials/" + accessKeyId, null);
  }

  /** Exposes an EKM key in a key store under {@code externalKeyId} with {@code usage}. */
  public void putXksKey(
      String storeId, String externalKeyId, String vaultId, String keyId, String usage) {
    http.call(
        "PUT",
        STORES + "/" + storeId + "/keys/" + externalKeyId,
        Map.of("vaultId", vaultId, "keyId", keyId, "usage", usage));
  }

  /** The audit records (up to 1,000) of the request with id {@code requestId}, oldest first. */
  public JsonNode audit(String requestId) {
    return http.auditOf(requestId);
  }

  /** Recomputes the audit hash chain: {@code ok}, {@code checked} and where it broke, if it did. */
  public JsonNode verifyAudit() {
    return http.call("GET", "/admin/v1/audit/verify", null);
  }

  /** The latest audit records (up to 1,000), oldest first ({@code items}). */
  public JsonNode audit() {
    return http.call("GET", "/admin/v1/audit?limit=1000", null);
  }

  /** The id of the key store at {@code uriPrefix} among {@code stores}, or null. */
  static String idAtPrefix(List<JsonNode> stores, String uriPrefix) {
    for (JsonNode store : stores) {
      if (uriPrefix.equals(store.path("uriPrefix").asText())) {
        return store.path("id").asText();
      }
    }
    return null;
  }

  /** The Google Cloud EKM key stores. */
  public EkmGcpAdmin gcp() {
    return new EkmGcpAdmin(http);
  }

  /** The raw API, for calls this class has no method for. */
  public AdminHttp http() {
    return http;
  }
}
