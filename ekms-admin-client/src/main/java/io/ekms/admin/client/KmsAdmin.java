package io.ekms.admin.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The KMS's admin API ({@code /admin/v1}): users, their API keys and compartment grants. */
public final class KmsAdmin {
  private static final String USERS = "/admin/v1/users";
  private final AdminHttp http;

  public KmsAdmin(AdminHttp http) {
    this.http = http;
  }

  /** A new user of {@code tenancyId}; returns its OCID. */
  public String createUser(String tenancyId, String name) {
    return http.call("POST", USERS, Map.of("tenancyId", tenancyId, "name", name))
        .path("id")
        .asText();
  }

  /** A user as the admin API shows it (id, tenancy, name, API keys, grants). */
  public JsonNode user(String userId) {
    return http.call("GET", USERS + "/" + userId, null);
  }

  /** Registers a public key (PEM) for the user; returns its fingerprint. */
  public String addApiKey(String userId, String publicKeyPem) {
    return http.call("POST", USERS + "/" + userId + "/apiKeys", Map.of("publicKey", publicKeyPem))
        .path("fingerprint")
        .asText();
  }

  /** Grants {@code permission} ({@code read}, {@code use} or {@code manage}) in a compartment. */
  public void grant(String userId, String compartmentId, String permission) {
    http.call(
        "POST",
        USERS + "/" + userId + "/grants",
        Map.of("compartmentId", compartmentId, "permission", permission));
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
