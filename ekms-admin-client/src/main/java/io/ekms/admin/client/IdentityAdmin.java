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
