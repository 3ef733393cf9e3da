package io.ekms.it.identity;

import static io.ekms.it.identity.IdentityCalls.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.admin.client.IdentityAdmin.Client;
import io.ekms.common.json.Json;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.AuditChains;
import io.ekms.testing.TempDirs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One audit record per authenticated token request and admin call, with the caller's request id;
 * refusals before authentication land in bounded refusal records, found by their first request id.
 */
class AuditTest {
  @Test
  void tokenRequestsAndAdminCalls_eachLeaveOneRecord() throws Exception {
    LoopbackStack stack = LoopbackStack.builder(TempDirs.create("identity-audit-")).start();
    IdentityCalls f = IdentityCalls.to(stack);
    Client client;
    try (stack) {
      client = f.createClient("kms");
      String scope = "scope=" + IdentityCalls.encode(AUDIENCE + "oci_ekms");
      String basic = IdentityCalls.basicHeader(client.id(), client.secret());
      token(f, "ok-1", "grant_type=client_credentials&" + scope, basic);
      token(
          f,
          "bad-secret",
          "grant_type=client_credentials&" + scope,
          IdentityCalls.basicHeader(client.id(), "wrong"));
      token(f, "bad-grant", "grant_type=password&" + scope, basic);
      token(f, "bad-scope", "grant_type=client_credentials&scope=elsewhere", basic);
      token(f, "bad-form", "grant_type=%zz", basic);
      stack.identityAdmin().rotateSigningKey();
      f.http()
          .send(
              "GET",
              stack.identityAdminUrl() + "/admin/v1/identity/clients",
              Map.of("Authorization", "Bearer nope", "opc-request-id", "admin-denied"),
              null);
    }
    List<JsonNode> records = records(stack);

    JsonNode ok = only(records, "ok-1");
    assertThat(ok.path("operation").asText()).isEqualTo("IssueToken");
    assertThat(ok.path("result").asText()).isEqualTo("OK");
    assertThat(ok.path("caller").asText()).isEqualTo("client:" + client.id());
    JsonNode details = ok.path("details");
    assertThat(details.path("clientId").asText()).isEqualTo(client.id());
    assertThat(details.path("audience").asText()).isEqualTo(AUDIENCE);
    assertThat(details.path("scope").asText()).isEqualTo("oci_ekms");
    assertThat(details.path("authMethod").asText()).isEqualTo("client_secret_basic");
    assertThat(details.path("kid").asText()).startsWith("sig-");
    assertThat(details.path("jti").asText()).hasSize(32);
    assertThat(only(records, "bad-secret").path("result").asText()).isEqualTo("invalid_client");
    assertThat(only(records, "bad-secret").path("caller").asText()).isEqualTo("unauthenticated");
    assertThat(only(records, "bad-secret").path("operation").asText()).isEqualTo("REFUSALS");
    assertThat(only(records, "bad-secret").path("details").path("claimed").asText())
        .isEqualTo(client.id());
    assertThat(only(records, "bad-secret").path("details").path("operations").asText())
        .isEqualTo("IssueToken=1");
    assertThat(only(records, "bad-grant").path("result").asText())
        .isEqualTo("unsupported_grant_type");
    assertThat(only(records, "bad-scope").path("result").asText()).isEqualTo("invalid_scope");
    assertThat(only(records, "bad-form").path("result").asText()).isEqualTo("invalid_request");
    assertThat(only(records, "admin-denied").path("result").asText())
        .isEqualTo("AdminUnauthorized");
    assertThat(operations(records)).contains("CreateClient", "RotateSigningKey", "IssueToken");
    JsonNode rotate =
        records.stream()
            .filter(r -> r.path("operation").asText().equals("RotateSigningKey"))
            .findFirst()
            .orElseThrow();
    assertThat(rotate.path("details").path("previousKid").asText()).startsWith("sig-");
  }

  private static void token(IdentityCalls f, String requestId, String form, String auth)
      throws Exception {
    f.token(form, Map.of("Authorization", auth, "opc-request-id", requestId));
  }

  static List<JsonNode> records(LoopbackStack stack) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : AuditChains.recordLines(stack.identityConfig().dataPath())) {
      out.add(Json.mapper().readTree(line));
    }
    return out;
  }

  private static JsonNode only(List<JsonNode> records, String requestId) {
    List<JsonNode> matching =
        records.stream().filter(r -> r.path("requestId").asText().equals(requestId)).toList();
    assertThat(matching).as(requestId).hasSize(1);
    return matching.get(0);
  }

  private static List<String> operations(List<JsonNode> records) {
    return records.stream().map(r -> r.path("operation").asText()).toList();
  }
}
