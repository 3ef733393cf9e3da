package io.ekms.it.admins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TestIssuer;
import java.util.List;
import java.util.Map;

/** Admin API calls the administrator and quorum tests make: enrol, expect success, a vault. */
public final class AdminApi {
  private AdminApi() {}

  public static String enroll(RawHttps api, String by, String name, String role) throws Exception {
    JsonNode created =
        ok(api.post("/admin/v1/administrators", by, Map.of("name", name, "roles", List.of(role))));
    assertThat(created.path("roles")).extracting(JsonNode::asText).containsExactly(role);
    return created.path("token").asText();
  }

  /**
   * A vault bound to client {@code c1} of {@code issuer}: the officer trusts, the custodian makes.
   */
  public static String vault(RawHttps api, String officer, String custodian, TestIssuer issuer)
      throws Exception {
    Map<String, String> trust =
        Map.of("issuer", issuer.issuer(), "jwksUri", issuer.jwksUri(), "caBundle", issuer.caPem());
    String issuerId = ok(api.post("/admin/v1/issuers", officer, trust)).path("id").asText();
    Map<String, String> vault = Map.of("name", "v1", "issuerId", issuerId, "clientId", "c1");
    return ok(api.post("/admin/v1/vaults", custodian, vault)).path("id").asText();
  }

  public static JsonNode ok(RawHttps.Answer answer) {
    assertThat(answer.status()).as(answer.text()).isBetween(200, 204);
    return answer.body();
  }
}
