package io.ekms.stack.admin;

import com.fasterxml.jackson.databind.JsonNode;
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
    for (JsonNode known : http.call("GET", "/admin/v1/issuers", null).path("items")) {
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

  /** A new vault bound to OAuth client {@code clientId} of issuer {@code issuerId}. */
  public String createVault(String name, String issuerId, String clientId) {
    return http.call(
            "POST", VAULTS, Map.of("name", name, "issuerId", issuerId, "clientId", clientId))
        .path("id")
        .asText();
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

  /** A key as the admin API shows it (id, name, state, versions, ...). */
  public JsonNode key(String vaultId, String keyId) {
    return http.call("GET", VAULTS + "/" + vaultId + "/keys/" + keyId, null);
  }

  /** {@code rotate}, {@code enable} or {@code disable} on a key. */
  public JsonNode keyAction(String vaultId, String keyId, String action) {
    return http.call("POST", VAULTS + "/" + vaultId + "/keys/" + keyId + "/" + action, Map.of());
  }

  /** {@code block} or {@code unblock} a vault: the customer's kill switch. */
  public JsonNode vaultAction(String vaultId, String action) {
    return http.call("POST", VAULTS + "/" + vaultId + "/" + action, Map.of());
  }

  /** The id of the XKS key store at {@code uriPrefix}, created (unthrottled) when missing. */
  public String xksStore(String name, String uriPrefix) {
    for (JsonNode known : http.call("GET", STORES, null).path("items")) {
      if (uriPrefix.equals(known.path("uriPrefix").asText())) {
        return known.path("id").asText();
      }
    }
    return http.call(
            "POST", STORES, Map.of("name", name, "uriPrefix", uriPrefix, "ratePerSecond", 0))
        .path("id")
        .asText();
  }

  /** Adds a SigV4 credential to a key store. */
  public void addXksCredential(String storeId, String accessKeyId, String secretAccessKey) {
    http.call(
        "POST",
        STORES + "/" + storeId + "/credentials",
        Map.of("accessKeyId", accessKeyId, "secretAccessKey", secretAccessKey));
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

  /** The raw API, for calls this class has no method for. */
  public AdminHttp http() {
    return http;
  }
}
