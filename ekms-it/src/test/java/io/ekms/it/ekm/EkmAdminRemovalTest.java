package io.ekms.it.ekm;

import static io.ekms.it.ekm.XksStore.AKID1;
import static io.ekms.it.ekm.XksStore.BASE;
import static io.ekms.it.ekm.XksStore.SECRET1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.admin.client.AdminException;
import io.ekms.admin.client.EkmAdmin;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Removing a trusted issuer and deleting an XKS key store through the admin API over HTTPS: what
 * they refuse, and that the EKM and XKS APIs stop accepting what they took away at once.
 */
class EkmAdminRemovalTest {
  static final String UNKNOWN_ISSUER = "iss-00000000000000000000000000000000";
  static final String UNKNOWN_STORE = "xks-00000000000000000000000000000000";
  static LoopbackStack stack;
  static TestIssuer issuer;
  static EkmVault f;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("ekm-removal-")).start();
    issuer = TestIssuer.start();
    f = EkmVault.ofIssuer(stack, issuer);
  }

  @AfterAll
  static void stop() {
    stack.close();
    issuer.close();
  }

  static EkmAdmin admin() {
    return f.admin();
  }

  @Test
  void removeIssuer_unused_goneFromListAndItsTokensRefused() throws Exception {
    try (TestIssuer other = TestIssuer.start()) {
      String otherId = admin().addIssuer(other.issuer(), other.jwksUri(), other.caPem());
      String token =
          other
              .token()
              .clientId(EkmVault.CLIENT)
              .audience(stack.ekmAudience())
              .scope("oci_ekms")
              .expiresIn(Duration.ofMinutes(5))
              .sign();
      var trusted = f.api.get(f.apiBase() + "/metadata", token);
      assertThat(trusted.code()).as("trusted, not the vault's").isEqualTo("ClientNotAuthorized");

      admin().removeIssuer(otherId);

      assertThat(issuerIds()).doesNotContain(otherId).contains(vaultIssuer());
      var removed = f.api.get(f.apiBase() + "/metadata", token);
      assertThat(removed.status()).isEqualTo(401);
      assertThat(removed.code()).isEqualTo("InvalidToken");
      assertThat(audited("RemoveIssuer", "issuerId", otherId)).containsExactly("OK");
    }
  }

  @Test
  void updateIssuer_wrongJwksFixed_itsTokensVerifiedAtOnce() throws Exception {
    try (TestIssuer other = TestIssuer.start()) {
      String otherId = admin().addIssuer(other.issuer(), other.jwksUri() + "-moved", other.caPem());
      String token =
          other
              .token()
              .clientId(EkmVault.CLIENT)
              .audience(stack.ekmAudience())
              .scope("oci_ekms")
              .expiresIn(Duration.ofMinutes(5))
              .sign();
      var unverifiable = f.api.get(f.apiBase() + "/metadata", token);
      assertThat(unverifiable.code()).isNotEqualTo("ClientNotAuthorized");

      var updated = admin().updateIssuer(otherId, other.jwksUri(), other.caPem());

      assertThat(updated.path("jwksUri").asText()).isEqualTo(other.jwksUri());
      assertThat(updated.path("issuer").asText()).isEqualTo(other.issuer());
      var verified = f.api.get(f.apiBase() + "/metadata", token);
      assertThat(verified.code())
          .as("verified now, not the vault's client")
          .isEqualTo("ClientNotAuthorized");
      assertThat(audited("UpdateIssuer", "issuerId", otherId)).containsExactly("OK");
      admin().removeIssuer(otherId);
    }
  }

  @Test
  void updateIssuer_unknownOrWithoutKeySource_404And400() {
    assertRefused(
        () -> admin().updateIssuer(UNKNOWN_ISSUER, "https://idp.example/jwks", null),
        404,
        "NotFound");
    assertRefused(() -> admin().updateIssuer(vaultIssuer(), null, null), 400, "InvalidRequest");
  }

  @Test
  void removeIssuer_trustedByTheVault_is409ConflictAndChangesNothing() throws Exception {
    String vaultIssuer = vaultIssuer();

    assertRefused(() -> admin().removeIssuer(vaultIssuer), 409, "Conflict")
        .hasMessageContaining("1 vault still trusts this issuer");

    assertThat(issuerIds()).contains(vaultIssuer);
    assertThat(f.api.get(f.apiBase() + "/metadata", f.token()).status()).isEqualTo(200);
    assertThat(audited("RemoveIssuer", "issuerId", vaultIssuer)).containsExactly("Conflict");
  }

  @Test
  void removeIssuer_unknownOrMalformedId_is404Or400() {
    assertRefused(() -> admin().removeIssuer(UNKNOWN_ISSUER), 404, "NotFound");
    assertRefused(() -> admin().removeIssuer("not-an-id"), 400, "InvalidRequest");
  }

  @Test
  void deleteXksStore_itsCredentialsNoLongerAuthenticateAndTheKeyStays() throws Exception {
    XksStore s = new XksStore(f);
    var body = Map.of("requestMetadata", XksStore.metadata());
    String path = BASE + "/keys/full/metadata";
    assertThat(s.xks.post(path, AKID1, SECRET1, body).status()).isEqualTo(200);

    admin().deleteXksStore(s.storeId);

    assertThat(s.xks.post(path, AKID1, SECRET1, body).errorName())
        .isEqualTo("InvalidUriPathException");
    String again = s.createStore("ks1", XksStore.PREFIX, 0); // name and prefix are free again
    var unsigned = s.xks.post(path, AKID1, SECRET1, body);
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(unsigned.errorName()).isEqualTo("AuthenticationFailedException");
    assertThat(admin().xksStores().path("items").findValuesAsText("id")).containsExactly(again);
    assertThat(admin().key(f.vaultId, f.keyId).path("state").asText()).isEqualTo("ACTIVE");
    assertThat(f.encrypt(f.keyId, "still here", null).path("ciphertext").asText()).isNotEmpty();
    assertThat(audited("XksDeleteKeyStore", "storeId", s.storeId)).containsExactly("OK");
    assertRefused(() -> admin().deleteXksStore(s.storeId), 404, "NotFound");
  }

  @Test
  void deleteXksStore_unknownOrMalformedId_is404Or400() {
    assertRefused(() -> admin().deleteXksStore(UNKNOWN_STORE), 404, "NotFound");
    assertRefused(() -> admin().deleteXksStore("not-an-id"), 400, "InvalidRequest");
  }

  static String vaultIssuer() {
    return admin()
        .http()
        .call("GET", "/admin/v1/vaults/" + f.vaultId, null)
        .path("issuerId")
        .asText();
  }

  static List<String> issuerIds() {
    return admin()
        .http()
        .call("GET", "/admin/v1/issuers", null)
        .path("items")
        .findValuesAsText("id");
  }

  /**
   * The results of the audit records of {@code operation} whose detail {@code key} is {@code
   * value}.
   */
  static List<String> audited(String operation, String key, String value) {
    List<String> results = new ArrayList<>();
    for (JsonNode entry : admin().audit().path("items")) {
      JsonNode r = entry.path("record");
      if (operation.equals(r.path("operation").asText())
          && value.equals(r.path("details").path(key).asText())) {
        results.add(r.path("result").asText());
      }
    }
    return results;
  }

  static org.assertj.core.api.AbstractThrowableAssert<?, ?> assertRefused(
      ThrowingCallable call, int status, String code) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            AdminException.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.code()).isEqualTo(code);
            });
  }
}
