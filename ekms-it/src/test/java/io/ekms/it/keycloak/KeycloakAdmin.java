package io.ekms.it.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Keycloak's admin REST API, as much as the KMS needs set up: a realm, a realm scope {@code
 * oci_ekms}, and a confidential client with only the client-credentials grant (a service account)
 * whose tokens name the EKM in {@code aud} (an audience mapper). Plain JDK HTTP and Jackson; the
 * bootstrap administrator signs in to the master realm through {@code admin-cli}. Secrets are
 * returned, never logged, and errors quote Keycloak's status and body only (which hold none).
 */
public final class KeycloakAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KeycloakServer server;

  public KeycloakAdmin(KeycloakServer server) {
    this.server = server;
  }

  /** A realm whose access tokens live {@code tokenLifespan}. */
  public void createRealm(String realm, Duration tokenLifespan) {
    call(
        "POST",
        "/admin/realms",
        Map.of(
            "realm",
            realm,
            "enabled",
            true,
            "accessTokenLifespan",
            (int) tokenLifespan.toSeconds()));
  }

  /** A client scope of the realm, listed in its discovery document and put in tokens' scope. */
  public String createScope(String realm, String name) {
    call(
        "POST",
        "/admin/realms/" + realm + "/client-scopes",
        Map.of(
            "name",
            name,
            "protocol",
            "openid-connect",
            "attributes",
            Map.of(
                "include.in.token.scope", "true",
                "include.in.openid.provider.metadata", "true",
                "display.on.consent.screen", "false")));
    for (JsonNode scope : call("GET", "/admin/realms/" + realm + "/client-scopes", null)) {
      if (name.equals(scope.path("name").asText())) {
        return scope.path("id").asText();
      }
    }
    throw new IllegalStateException("Keycloak did not list the new scope " + name);
  }

  /**
   * A confidential client {@code clientId} with a service account and no other flow, whose tokens
   * carry {@code audience} in {@code aud}, and that may ask for scope {@code scopeId} (optional: a
   * token has it only when asked for). Returns the client's internal id.
   */
  public String createClient(String realm, String clientId, String audience, String scopeId) {
    Map<String, Object> mapper =
        Map.of(
            "name", "ekm-audience",
            "protocol", "openid-connect",
            "protocolMapper", "oidc-audience-mapper",
            "config",
                Map.of(
                    "included.custom.audience", audience,
                    "access.token.claim", "true",
                    "id.token.claim", "false"));
    Map<String, Object> client =
        Map.of(
            "clientId", clientId,
            "enabled", true,
            "publicClient", false,
            "serviceAccountsEnabled", true,
            "standardFlowEnabled", false,
            "directAccessGrantsEnabled", false,
            "protocolMappers", List.of(mapper));
    call("POST", "/admin/realms/" + realm + "/clients", client);
    String id =
        call("GET", "/admin/realms/" + realm + "/clients?clientId=" + form(clientId), null)
            .path(0)
            .path("id")
            .asText();
    call(
        "PUT",
        "/admin/realms/" + realm + "/clients/" + id + "/optional-client-scopes/" + scopeId,
        null);
    return id;
  }

  /** The client's current secret. */
  public String secret(String realm, String id) {
    return call("GET", secretPath(realm, id), null).path("value").asText();
  }

  /** A new secret for the client; the old one stops working at once. */
  public String rotateSecret(String realm, String id) {
    return call("POST", secretPath(realm, id), null).path("value").asText();
  }

  /** The HTTP status of a client-credentials request with {@code secret} (200 when granted). */
  public int tokenStatus(String realm, String clientId, String secret, String scope) {
    String auth = form(clientId) + ":" + form(secret);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(server.url() + "/realms/" + realm + "/protocol/openid-connect/token"))
            .header(
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=client_credentials&scope=" + form(scope)))
            .build();
    try {
      return server.http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String secretPath(String realm, String id) {
    return "/admin/realms/" + realm + "/clients/" + id + "/client-secret";
  }

  private String adminToken() {
    String form =
        "grant_type=password&client_id=admin-cli&username=admin&password="
            + form(server.adminPassword());
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(server.url() + "/realms/master/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return send(request).path("access_token").asText();
  }

  private JsonNode call(String method, String path, Object body) {
    try {
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(server.url() + path))
              .header("Authorization", "Bearer " + adminToken())
              .header("Content-Type", "application/json")
              .method(method, publisher)
              .timeout(Duration.ofSeconds(30))
              .build();
      return send(request);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<byte[]> answer =
          server.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            request.method()
                + " "
                + request.uri().getPath()
                + ": Keycloak answered "
                + answer.statusCode()
                + " "
                + new String(answer.body(), StandardCharsets.UTF_8));
      }
      return answer.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri().getPath() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
