package io.ekms.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.testing.RawHttps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's defences over real HTTPS, below the browser: the headers of every answer, the
 * session cookie's flags, refused sign-ins and cross-site posts, no secret rendered back, and the
 * audit record of a console action naming its session.
 */
class ConsoleSecurityTest {
  private static final String COOKIE = ConsoleCalls.COOKIE;
  private static ConsoleBed bed;
  private static ConsoleCalls calls;

  @BeforeAll
  static void start() throws Exception {
    bed = new ConsoleBed();
    calls = new ConsoleCalls(bed);
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @Test
  void anyPage_answered_carriesStrictCspAndNoInlineScriptOrStyle() throws Exception {
    String cookie = calls.signIn();
    for (String path :
        List.of("/console/login", "/console/overview", "/console/vaults", "/console/audit")) {
      RawHttps.Answer answer =
          path.equals("/console/login")
              ? bed.admin.send("GET", path, Map.of(), null)
              : calls.page(path, cookie);
      assertThat(answer.status()).as(path).isEqualTo(200);
      assertThat(answer.header("Content-Security-Policy"))
          .isEqualTo(
              "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                  + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri"
                  + " 'none'");
      assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
      assertThat(answer.text()).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
      assertThat(answer.text()).doesNotContain(" style=").doesNotContain(" onclick=");
    }
  }

  @Test
  void signIn_adminToken_cookieIsHostOnlySecureHttpOnlyStrict() throws Exception {
    RawHttps.Answer answer = calls.form("/console/login", null, Map.of("token", bed.adminToken));
    assertThat(answer.status()).isEqualTo(303);
    assertThat(answer.header("Location")).isEqualTo("/console/overview");
    assertThat(answer.header("Set-Cookie"))
        .startsWith(COOKIE + "=")
        .contains("; Path=/")
        .contains("; Secure")
        .contains("; HttpOnly")
        .contains("; SameSite=Strict")
        .doesNotContain("Domain=");
  }

  @Test
  void signIn_wrongToken_401AndNoCookie() throws Exception {
    RawHttps.Answer answer =
        calls.form("/console/login", null, Map.of("token", bed.adminToken.substring(1) + "0"));
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.header("Set-Cookie")).isNull();
    assertThat(answer.text()).doesNotContain(bed.adminToken.substring(1));
  }

  @Test
  void post_fromAnotherOrigin_refusedThoughCookieAndCsrfAreRight() throws Exception {
    String cookie = calls.signIn();
    String csrf = ConsoleCalls.csrf(calls.page("/console/vaults", cookie).text());
    Map<String, String> headers =
        Map.of(
            "Content-Type", "application/x-www-form-urlencoded",
            "Cookie", COOKIE + "=" + cookie,
            "Origin", "https://evil.example");
    RawHttps.Answer answer =
        bed.admin.send(
            "POST",
            "/console/vaults",
            headers,
            "csrf=" + csrf + "&name=evil&issuerId=" + bed.issuerId + "&clientId=evil");
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.text()).contains("CrossOriginRefused");
    assertThat(bed.admin.get("/admin/v1/vaults", bed.adminToken).text()).doesNotContain("evil");
  }

  @Test
  void pages_afterSecretsWereMade_neverShowTheAdminTokenOrAnXksSecret() throws Exception {
    String secret = "c2VjcmV0LWZvci10aGUtY29uc29sZS10ZXN0LW9ubHk=";
    String store = bed.stack.ekmAdmin().createXksStore("hidden", "console/hidden", 0);
    bed.stack.ekmAdmin().addXksCredential(store, "AKIAEKMSCONSOLETEST23", secret);
    String cookie = calls.signIn();
    for (String path : List.of("/console/overview", "/console/xks", "/console/audit")) {
      String html = calls.page(path, cookie).text();
      assertThat(html).as(path).doesNotContain(bed.adminToken).doesNotContain(secret);
    }
    assertThat(calls.page("/console/xks", cookie).text()).contains("AKIAEKMSCONSOLETEST23");
  }

  @Test
  void consoleAction_createVault_auditedWithTheSessionsAdministrator() throws Exception {
    String cookie = calls.signIn();
    String csrf = ConsoleCalls.csrf(calls.page("/console/vaults", cookie).text());
    RawHttps.Answer answer =
        calls.form(
            "/console/vaults",
            cookie,
            Map.of(
                "csrf",
                csrf,
                "name",
                "audited",
                "issuerId",
                bed.issuerId,
                "clientId",
                ConsoleBed.CLIENT));
    assertThat(answer.status()).isEqualTo(303);
    String requestId = answer.header("Location").replaceAll(".*rid=", "");

    JsonNode records = bed.stack.ekmAdmin().audit(requestId);
    assertThat(records).hasSize(1);
    JsonNode record = records.get(0).path("record");
    assertThat(record.path("operation").asText()).isEqualTo("CreateVault");
    assertThat(record.path("caller").asText()).isEqualTo("admin:admin");
    assertThat(record.path("details").path("consoleSession").asText()).hasSize(12);
  }
}
