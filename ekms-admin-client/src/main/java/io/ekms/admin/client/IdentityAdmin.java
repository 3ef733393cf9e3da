package io.ekms.admin.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The identity server's admin API ({@code /admin/v1/identity}): OAuth clients and signing keys. */
public final class IdentityAdmin {
  private static final String CLIENTS = "/admin/v1/identity/clients";
  private final AdminHttp http;

  public IdentityAdmin(AdminHttp http) {
    this.http = http;
  }

  /** A registered OAuth client; the secret is shown once, at creation. */
  public record Client(String id, String secret) {
    @Override
    public String toString() {
      return "Client[" + id + ", secret=[REDACTED]]";
    }
  }

  /** Registers a client that may ask tokens for {@code audiences} with {@code scopes}. */
  public Client createClient(String name, List<String> audiences, List<String> scopes) {
    JsonNode c =
        http.call("POST", CLIENTS, Map.of("name", name, "audiences", audiences, "scopes", scopes));
    return new Client(c.path("id").asText(), c.path("clientSecret").asText());
  }

  /**
   * Registers a service account: a client whose tokens carry {@code email} (and {@code
   * email_verified}), as Google's ID tokens do.
   */
  public Client createServiceAccount(
      String name, List<String> audiences, List<String> scopes, String email) {
    JsonNode c =
        http.call(
            "POST",
            CLIENTS,
            Map.of("name", name, "audiences", audiences, "scopes", scopes, "email", email));
    return new Client(c.path("id").asText(), c.path("clientSecret").asText());
  }

  /** A client as the admin API shows it (never its secret). */
  public JsonNode client(String id) {
    return http.call("GET", CLIENTS + "/" + id, null);
  }

  /** Every client ({@code items}). */
  public JsonNode clients() {
    return http.call("GET", CLIENTS, null);
  }

  /**
   * Gives the client a new secret, answered this once; the old one keeps working for {@code
   * graceSeconds} (0 to a week).
   */
  public Client rotateSecret(String id, long graceSeconds) {
    JsonNode c =
        http.call(
            "POST", CLIENTS + "/" + id + "/rotate-secret", Map.of("graceSeconds", graceSeconds));
    return new Client(c.path("id").asText(), c.path("clientSecret").asText());
  }

  /** The audit records (up to 1,000) of the request with id {@code requestId}, oldest first. */
  public JsonNode audit(String requestId) {
    return http.call(
            "GET",
            "/admin/v1/identity/audit?limit=1000&requestId="
                + java.net.URLEncoder.encode(requestId, java.nio.charset.StandardCharsets.UTF_8),
            null)
        .path("items");
  }

  /** Recomputes the audit hash chains: {@code ok}, {@code checked} and where one broke. */
  public JsonNode verifyAudit() {
    return http.call("GET", "/admin/v1/identity/audit/verify", null);
  }

  public void deleteClient(String id) {
    http.call("DELETE", CLIENTS + "/" + id, null);
  }

  /** A new RSA key signs from now on; returns it ({@code kid}, ...). */
  public JsonNode rotateSigningKey() {
    return http.call("POST", "/admin/v1/identity/signing-keys/rotate", null);
  }

  /** The published signing keys ({@code items}, the current one first). */
  public JsonNode signingKeys() {
    return http.call("GET", "/admin/v1/identity/signing-keys", null);
  }

  /** The raw API, for calls this class has no method for. */
  public AdminHttp http() {
    return http;
  }
}
