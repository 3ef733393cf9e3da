package io.ekms.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.testing.RawHttps;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;

/**
 * The console in a real browser (headless Chromium) against a real EKM over HTTPS: sign in, make a
 * vault and a key with the forms, pull the plug and see the EKM API refuse the very next call, find
 * that refusal in the audit view, and the refusals of a forged form and an expired session. Every
 * page looked at is saved under target/console-screenshots.
 */
class ConsoleBrowserTest {
  private static ConsoleBed bed;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    bed = new ConsoleBed();
    browser = new Browser(bed.url());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (bed != null) {
      bed.close();
    }
  }

  @BeforeEach
  void signedOut(TestInfo test) {
    browser.startTest(null);
    browser.open("/console/login");
    browser.clearCookies();
    browser.startTest(test.getTestMethod().orElseThrow().getName());
  }

  private void signIn() {
    browser.open("/console/login");
    browser.type("token", bed.adminToken);
    browser.clickAndLoad(By.id("sign-in"));
    assertThat(browser.path()).isEqualTo("/console/overview");
  }

  /** Makes a vault bound to the test client and a key in it through the forms; the key's page. */
  private String[] vaultAndKey(String vaultName, String keyName) {
    browser.open("/console/vaults");
    browser.type("vault-name", vaultName);
    browser.type("vault-client", ConsoleBed.CLIENT);
    browser.clickAndLoad(By.id("create-vault"));
    assertThat(browser.text()).contains("Vault created.");
    String vaultId = browser.path().substring("/console/vaults/".length());
    browser.type("key-name", keyName);
    browser.clickAndLoad(By.id("create-key"));
    assertThat(browser.text()).contains("Key created.");
    String keyId = browser.path().substring(browser.path().lastIndexOf('/') + 1);
    assertThat(browser.find(By.id("key-state")).getText()).isEqualTo("ACTIVE");
    return new String[] {vaultId, keyId};
  }

  @Test
  void signIn_adminToken_showsOverviewWithHealthAndLiveCharts() throws Exception {
    browser.open("/console/vaults");
    assertThat(browser.path()).isEqualTo("/console/login");
    browser.screenshot("01-login");
    browser.type("token", "ekmsadm_" + "0".repeat(64));
    browser.clickAndLoad(By.id("sign-in"));
    assertThat(browser.text()).contains("That is not the EKM's admin token.");

    signIn();
    browser.open("/console/vaults");
    assertThat(browser.focusAfterTabs(1))
        .as("the first keyboard stop skips to the content")
        .isEqualTo("Skip to content");
    browser.open("/console/overview");
    assertThat(browser.text())
        .contains("Database")
        .contains("Audit log")
        .contains("Key backend: software");
    assertThat(browser.findAll(By.cssSelector("#health .badge.good"))).hasSize(3);
    browser.waitFor(By.cssSelector("#charts .chart"));
    assertThat(browser.text()).contains("OCI External KMS").contains("AWS XKS");

    String vaultId = bed.stack.ekmAdmin().createVault("traffic", bed.issuerId, ConsoleBed.CLIENT);
    String keyId = bed.stack.ekmAdmin().createKey(vaultId, "traffic-k1", List.of("ENCRYPT"));
    browser.waitUntil(
        () -> {
          for (int i = 0; i < 25; i++) {
            assertThat(bed.encrypt(vaultId, keyId).status()).isEqualTo(200);
          }
          String points =
              browser.find(By.cssSelector("#charts .chart polyline.rps")).getDomAttribute("points");
          return points != null && points.split(" ").length >= 12;
        });
    assertThat(browser.find(By.cssSelector("#charts .chart")).getText())
        .containsPattern("p99 \\d+ ms");
    browser.screenshot("02-overview");
  }

  @Test
  void createVaultAndKey_forms_keyActiveAndEncrypts() throws Exception {
    signIn();
    String[] ids = vaultAndKey("payments", "pay-k1");
    browser.screenshot("03-key");
    RawHttps.Answer answer = bed.encrypt(ids[0], ids[1]);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);

    browser.resize(390, 844);
    try {
      browser.open("/console/vaults/" + ids[0] + "/keys/" + ids[1]);
      assertThat(browser.overflowX()).as("sideways scrolling on a phone").isZero();
      browser.screenshot("08-key-phone");
    } finally {
      browser.resize(1280, 900);
    }
  }

  @Test
  void disableKey_click_nextApiCallRefusedThenEnabledAgainAndFoundInAudit() throws Exception {
    signIn();
    String[] ids = vaultAndKey("ledger", "ledger-k1");
    assertThat(bed.encrypt(ids[0], ids[1]).status()).isEqualTo(200);

    browser.clickAndLoad(By.id("disable-key"));
    assertThat(browser.text())
        .contains("Every call with key 'ledger-k1' is refused at once, on every protocol.");
    browser.screenshot("04-confirm-disable");
    browser.clickAndLoad(By.id("confirm"));
    assertThat(browser.find(By.id("key-state")).getText()).isEqualTo("DISABLED");
    browser.screenshot("05-key-disabled");

    RawHttps.Answer refused = bed.encrypt(ids[0], ids[1]);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("KeyDisabled");

    browser.clickAndLoad(By.id("enable-key"));
    browser.clickAndLoad(By.id("confirm"));
    assertThat(browser.find(By.id("key-state")).getText()).isEqualTo("ACTIVE");
    assertThat(bed.encrypt(ids[0], ids[1]).status()).isEqualTo(200);

    browser.open("/console/audit");
    browser.type("f-rid", refused.requestId());
    browser.clickAndLoad(By.id("filter"));
    assertThat(browser.findAll(By.cssSelector("table.audit tbody tr"))).hasSize(1);
    assertThat(browser.find(By.cssSelector("table.audit tbody tr")).getText())
        .contains(refused.requestId())
        .contains("KeyDisabled")
        .contains("client:" + ConsoleBed.CLIENT);
    browser.screenshot("06-audit-refusal");
  }

  @Test
  void destroyVersion_wrongNameTyped_refusedAndNothingChanged() {
    signIn();
    String[] ids = vaultAndKey("archive", "archive-k1");
    browser.clickAndLoad(By.cssSelector("a[href*='destroy-version']"));
    browser.type("confirm-name", "archive-k");
    browser.clickAndLoad(By.id("confirm"));
    assertThat(browser.text()).contains("Type the key's name exactly to confirm");
    browser.open("/console/vaults/" + ids[0] + "/keys/" + ids[1]);
    assertThat(browser.findAll(By.cssSelector("table .badge.good"))).isNotEmpty();
    assertThat(browser.text()).doesNotContain("DESTROYED");
  }

  @Test
  void postWithoutCsrf_sessionCookie_refusedAndKeyStillActive() throws Exception {
    signIn();
    String[] ids = vaultAndKey("forged", "forged-k1");
    String cookie = browser.cookie("__Host-ekms-console").getValue();
    RawHttps.Answer forged =
        bed.admin.send(
            "POST",
            "/console/do/disable-key",
            Map.of(
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Cookie",
                "__Host-ekms-console=" + cookie),
            "vault=" + ids[0] + "&key=" + ids[1]);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.text()).contains("CsrfRefused");
    assertThat(bed.encrypt(ids[0], ids[1]).status()).isEqualTo(200);
  }

  @Test
  void expiredSession_idleLongerThanTimeout_sentBackToSignIn() {
    signIn();
    browser.open("/console/vaults");
    assertThat(browser.h1()).isEqualTo("Vaults and keys");
    bed.clock.advance(Duration.ofMinutes(2));
    browser.open("/console/vaults");
    assertThat(browser.path()).isEqualTo("/console/login");
    signIn();
    browser.open("/console/xks");
    browser.type("store-name", "aws-ks");
    browser.clickAndLoad(By.id("create-store"));
    browser.clickAndLoad(By.cssSelector("form[action$='/credentials'] button"));
    assertThat(browser.find(By.id("new-secret")).getText()).hasSizeGreaterThan(40);
    browser.screenshot("07-xks-secret-once");
    String secret = browser.find(By.id("new-secret")).getText();
    browser.open("/console/xks");
    assertThat(browser.text()).doesNotContain(secret);
  }
}
