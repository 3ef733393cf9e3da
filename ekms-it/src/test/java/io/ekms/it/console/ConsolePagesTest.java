package io.ekms.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ekms.testing.RawHttps;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's audit, policy, issuer and key-store pages over HTTPS: the export is the chain's own
 * records as JSON lines, "verify now" says the chain is intact, a condition that does not compile
 * comes back with its error and saves nothing, and refused removals change nothing.
 */
class ConsolePagesTest {
  private static ConsoleBed bed;
  private static ConsoleCalls calls;
  private static String cookie;
  private static String csrf;

  @BeforeAll
  static void start() throws Exception {
    bed = new ConsoleBed();
    calls = new ConsoleCalls(bed);
    cookie = calls.signIn();
    csrf = ConsoleCalls.csrf(calls.page("/console/audit", cookie).text());
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @Test
  void auditExport_range_jsonLinesOfThoseRecordsInOrder() throws Exception {
    RawHttps.Answer export = calls.page("/console/audit/export?from=2&to=4", cookie);

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Type")).isEqualTo("application/x-ndjson");
    assertThat(export.header("Content-Disposition")).startsWith("attachment; filename=\"audit-");
    String[] lines = export.text().split("\n");
    assertThat(lines).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 3; i++) {
      JsonNode entry = json.readTree(lines[i]);
      assertThat(entry.path("seq").asLong()).isEqualTo(2 + i);
      assertThat(entry.path("hash").asText()).hasSize(64);
      assertThat(entry.path("record").path("operation").asText()).isNotEmpty();
    }
  }

  @Test
  void auditExport_rangeBackwards_400AndSaysHow() throws Exception {
    RawHttps.Answer export = calls.page("/console/audit/export?from=9&to=3", cookie);
    assertThat(export.status()).isEqualTo(400);
    assertThat(export.text()).contains("InvalidRequest").contains("at most 100000 records");
  }

  @Test
  void verifyNow_intactChain_pageSaysIntact() throws Exception {
    RawHttps.Answer verify = calls.form("/console/audit/verify", cookie, Map.of("csrf", csrf));
    assertThat(verify.status()).isEqualTo(303);
    String page = calls.page("/console/audit", cookie).text();
    assertThat(page)
        .contains("INTACT")
        .containsPattern("\\d+ records in \\d+ chain\\(s\\) verified");
  }

  @Test
  void createPolicy_conditionDoesNotCompile_400WithItsErrorAndNothingSaved() throws Exception {
    String vaultId = bed.stack.ekmAdmin().createVault("policed", bed.issuerId, "c1");
    RawHttps.Answer bad =
        calls.form(
            "/console/policies",
            cookie,
            Map.of(
                "csrf", csrf,
                "name", "broken",
                "scope", "vault",
                "scopeId", vaultId,
                "effect", "ALLOW",
                "expression", "operation == "));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).contains("InvalidRequest").contains("line");
    assertThat(calls.page("/console/policies", cookie).text()).doesNotContain("broken");

    RawHttps.Answer good =
        calls.form(
            "/console/policies",
            cookie,
            Map.of(
                "csrf", csrf,
                "name", "decrypt-only",
                "scope", "vault",
                "scopeId", vaultId,
                "effect", "ALLOW",
                "expression", "operation == 'decrypt'"));
    assertThat(good.status()).isEqualTo(303);
    assertThat(calls.page("/console/policies", cookie).text())
        .contains("decrypt-only")
        .contains("operation == 'decrypt'");
  }

  @Test
  void removeIssuer_aVaultTrustsIt_409AndStillListed() throws Exception {
    bed.stack.ekmAdmin().createVault("trusting", bed.issuerId, "c2");
    RawHttps.Answer refused =
        calls.form("/console/issuers/" + bed.issuerId + "/remove", cookie, Map.of("csrf", csrf));
    assertThat(refused.status()).as(refused.text()).isEqualTo(409);
    assertThat(refused.text()).contains("Conflict").contains("still trust");
    assertThat(calls.page("/console/issuers", cookie).text()).contains(bed.issuerId);
  }

  @Test
  void removeIssuer_unused_goneFromThePage() throws Exception {
    String unused =
        bed.stack
            .ekmAdmin()
            .addIssuer("https://unused.example", "https://unused.example/jwks", null);
    assertThat(calls.page("/console/issuers", cookie).text()).contains(unused);
    RawHttps.Answer removed =
        calls.form("/console/issuers/" + unused + "/remove", cookie, Map.of("csrf", csrf));
    assertThat(removed.status()).isEqualTo(303);
    assertThat(removed.header("Location")).contains("done=issuer-removed");
    assertThat(calls.page("/console/issuers", cookie).text()).doesNotContain(unused);
  }

  @Test
  void deleteXksStore_wrongNameTyped_400AndStoreKept() throws Exception {
    String store = bed.stack.ekmAdmin().createXksStore("keep-me", "console/keep", 0);
    RawHttps.Answer refused =
        calls.form(
            "/console/xks/" + store + "/delete",
            cookie,
            Map.of("csrf", csrf, "confirmName", "keep-m"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(calls.page("/console/xks", cookie).text()).contains(store);

    RawHttps.Answer deleted =
        calls.form(
            "/console/xks/" + store + "/delete",
            cookie,
            Map.of("csrf", csrf, "confirmName", "keep-me"));
    assertThat(deleted.status()).isEqualTo(303);
    assertThat(calls.page("/console/xks", cookie).text()).doesNotContain(store);
  }
}
