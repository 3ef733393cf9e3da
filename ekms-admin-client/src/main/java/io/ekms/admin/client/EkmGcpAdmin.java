package io.ekms.admin.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The EKM admin API's Google Cloud EKM key stores ({@code /admin/v1/gcp/keystores}). */
public final class EkmGcpAdmin {
  private static final String STORES = "/admin/v1/gcp/keystores";
  private final AdminHttp http;

  public EkmGcpAdmin(AdminHttp http) {
    this.http = http;
  }

  /** What a new key store trusts: the issuer, its JWKS and the CA to fetch it with, audiences. */
  public record Trust(String issuer, String jwksUrl, String caBundlePem, List<String> audiences) {}

  /**
   * The id of the key store at {@code uriPrefix}, created (unthrottled, trusting {@code trust})
   * when missing.
   */
  public String store(String name, String uriPrefix, Trust trust) {
    String known = EkmAdmin.idAtPrefix(http.items(STORES), uriPrefix);
    if (known != null) {
      return known;
    }
    return http.call(
            "POST",
            STORES,
            Map.of(
                "name", name,
                "uriPrefix", uriPrefix,
                "issuer", trust.issuer(),
                "jwksUrl", trust.jwksUrl(),
                "caBundlePem", trust.caBundlePem(),
                "audiences", trust.audiences(),
                "ratePerSecond", 0))
        .path("id")
        .asText();
  }

  /** The key stores, with their service accounts and keys. */
  public JsonNode stores() {
    return http.call("GET", STORES, null);
  }

  /** Allows a service account (by e-mail) to call the key store, unless it is allowed already. */
  public void allowServiceAccount(String storeId, String email) {
    for (JsonNode store : http.items(STORES)) {
      if (storeId.equals(store.path("id").asText())) {
        for (JsonNode allowed : store.path("serviceAccounts")) {
          if (allowed.asText().equalsIgnoreCase(email)) {
            return;
          }
        }
      }
    }
    http.call("POST", STORES + "/" + storeId + "/service-accounts", Map.of("email", email));
  }

  /** Exposes an EKM key in the key store under {@code keyName}. */
  public void putKey(String storeId, String keyName, String vaultId, String keyId) {
    http.call(
        "PUT",
        STORES + "/" + storeId + "/keys/" + keyName,
        Map.of("vaultId", vaultId, "keyId", keyId));
  }
}
