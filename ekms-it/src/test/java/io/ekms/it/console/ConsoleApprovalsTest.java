package io.ekms.it.console;

import static io.ekms.it.admins.AdminApi.enroll;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.admin.QuorumSettings;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's approvals page over HTTPS, with a quorum of one: a second custodian sees the held
 * call, approves it, and it runs; the requester cannot approve their own.
 */
class ConsoleApprovalsTest {
  static LoopbackStack stack;
  static RawHttps admin;
  static String officer;
  static String erin;

  @BeforeAll
  static void start() throws Exception {
    stack =
        LoopbackStack.builder(TempDirs.create("console-approvals-"))
            .ekm(b -> b.quorum(new QuorumSettings(1, null, 24)))
            .start();
    admin = RawHttps.at(stack.ekmAdminUrl(), stack.caFile());
    officer = Files.readString(stack.adminTokenFile("ekm")).strip();
    erin = enroll(admin, officer, "erin", "key-custodian");
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static String signIn(String token) throws Exception {
    return new ConsoleCalls(admin, token).signIn();
  }

  private static RawHttps.Answer approve(String id, String cookie, String csrf) throws Exception {
    return new ConsoleCalls(admin, null)
        .form("/console/requests/" + id + "/approve", cookie, Map.of("csrf", csrf));
  }

  private static String page(String cookie) throws Exception {
    return new ConsoleCalls(admin, null).page("/console/requests", cookie).text();
  }

  @Test
  void approve_bySecondCustodian_theHeldCallRuns_notByItsRequester() throws Exception {
    String vault =
        stack
            .ekmAdmin()
            .createVault(
                "v1",
                stack
                    .ekmAdmin()
                    .addIssuer(
                        "https://idp.approvals.test", "https://idp.approvals.test/jwks", null),
                "c1");
    String key = stack.ekmAdmin().createKey(vault, "held", List.of("ENCRYPT", "DECRYPT"));
    RawHttps.Answer held =
        admin.post("/admin/v1/vaults/" + vault + "/keys/" + key + "/delete", officer, Map.of());
    String id = held.body().path("pendingRequestId").asText();
    assertThat(held.status()).isEqualTo(202);

    String own = signIn(officer);
    String ownCsrf = ConsoleCalls.csrf(page(own));
    RawHttps.Answer refused = approve(id, own, ownCsrf);
    String erins = signIn(erin);
    String listed = page(erins);
    RawHttps.Answer approved = approve(id, erins, ConsoleCalls.csrf(listed));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text()).contains("cannot approve their own request");
    assertThat(listed).contains(id).contains("Approve deleteKey").contains("<td>admin</td>");
    assertThat(approved.status()).isEqualTo(303);
    assertThat(approved.header("Location")).contains("request-executed");
    assertThat(admin.get("/admin/v1/vaults/" + vault + "/keys/" + key, officer).status())
        .isEqualTo(404);
    assertThat(page(erins)).contains("EXECUTED");
  }
}
